"""Input table schemas (EMR, CRM, environment) and de-identified output schemas."""

from data_contracts.schemas import crm, emr, environment, research

__all__ = ["crm", "emr", "environment", "research"]

"""Input table schemas: EMR, CRM and environment extracts."""

from data_contracts.schemas import crm, emr, environment

__all__ = ["crm", "emr", "environment"]

"""Synthetic EMR + CRM + environment extracts with gold PHI, for tests and demos."""

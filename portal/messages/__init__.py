"""Messages between an applicant and their e-coach (and a consultant after a handover)."""

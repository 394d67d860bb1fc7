"""E-coaching: the caseload with its signals, a person's file, staff notes, the three-month
review."""

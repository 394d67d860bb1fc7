"""The personal activation plan (seed 002 §7, seed 003): goals and steps the applicant owns, agreed with the coach."""

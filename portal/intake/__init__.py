"""The Entreevragenlijst in the portal: filling it in, the advice, and its human confirmation."""

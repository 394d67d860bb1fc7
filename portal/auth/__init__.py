"""Accounts: sign in and out, activation, password reset, throttling."""

"""The municipality's catalogue of workshops and instruments, and referrals to them."""

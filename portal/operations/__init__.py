"""Operations: metrics for Prometheus, the health check's verdict, backup and restore."""

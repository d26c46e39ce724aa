"""Optional scenario sections owned by other engines (transition, procurement)."""

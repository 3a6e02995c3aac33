"""Domain rules as plain functions: validation, deadlines, rates, hints. No I/O, no Qt."""

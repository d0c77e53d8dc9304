"""Maintainers' tools: offline bundle, benchmark, Lighthouse report."""

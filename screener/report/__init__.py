"""Reports derived from the workspace's events: PRISMA flow, PRISMA-S searches, agreement, exports."""

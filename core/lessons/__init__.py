"""Lessons: the lecture as a guided course. Each lesson is a data file in core/lessons/files/ (its
scene, its text in every language, its "try this" tasks with detectors and its claims); claims are
checked headless by running the scene through core."""

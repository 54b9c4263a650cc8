"""The Lessons panel: the lecture as a guided course (Help > Lessons)."""

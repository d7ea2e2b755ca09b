"""Resumes and the ATS analyzer (see README.md)."""

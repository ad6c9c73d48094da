"""Pollinate: a Personalized Learning System for school districts."""

"""realize"""

"""Printing with ReportLab: work-record books, certificates, points cards and notices."""

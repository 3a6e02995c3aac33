"""One preview-and-print window for every document the program makes (the work-record
book, certificates, points notices and cards, 发展党员纪实表, 党费收缴明细表, the current
table as a list): the document is written as a PDF off the UI thread with progress and
cancel, shown with page thumbnails and zoom, printed as vectors and saved with its text.

    open_preview(parent, PrintJob("积分公示", "星光支部2026年3月积分公示.pdf", write))
"""

from ui.printing.job import PrintJob
from ui.printing.window import PreviewWindow, open_preview

__all__ = ["PreviewWindow", "PrintJob", "open_preview"]

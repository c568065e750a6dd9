"""Colours, fonts and sizes: one place for the book's look.

The palette is Okabe and Ito's (2008), designed to stay distinguishable for
the common forms of colour blindness.
"""

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HIGHLIGHT = "#D55E00"
MUTED = "#BBBBBB"
FONT = "'Noto Sans KR', 'Noto Sans CJK KR', NanumGothic, 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"
WIDTH = 560
HEIGHT = 300

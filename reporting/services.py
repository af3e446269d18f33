def pdf_health() -> str:
    return "ok"

from django.urls import path  # noqa: F401

app_name = "elections"

# Each view module owns its section below.
urlpatterns = [
    # --- plans & elections ---
    # --- election team ---
    # --- candidates & consultation ---
    # --- complaints ---
]

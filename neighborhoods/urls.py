from django.urls import path  # noqa: F401

app_name = "neighborhoods"

# Each view module owns its section below.
urlpatterns = [
    # --- divisions & khu phố ---
    # --- households ---
    # --- reorganisations ---
    # --- staff assignments ---
    # --- audit log ---
]

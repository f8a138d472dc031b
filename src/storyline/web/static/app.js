// The only script: progressive enhancement, the pages work without it.
document.addEventListener("DOMContentLoaded", () => {
  // Flash the highlighted value once so the eye finds it after the jump.
  const hl = document.getElementById("hl");
  if (hl) {
    hl.classList.add("flash");
    hl.scrollIntoView({ block: "center" });
  }
  // Leave empty filter fields out of the URL, so links stay short and shareable.
  for (const form of document.querySelectorAll("form.filters")) {
    form.addEventListener("submit", () => {
      for (const field of form.querySelectorAll("input, select")) {
        if (!field.value) field.disabled = true;
      }
    });
  }
});

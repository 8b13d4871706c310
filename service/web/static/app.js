// Small improvements on top of pages that work without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // A packet takes seconds: show progress while the browser waits for the download.
  for (const form of document.querySelectorAll("form[data-progress]")) {
    form.addEventListener("submit", () => {
      const progress = document.getElementById(form.dataset.progress);
      if (progress) {
        progress.hidden = false;
        setTimeout(() => { progress.hidden = true; }, 60000);
      }
    });
  }
  // After a failed save, move focus to the first field that needs correcting.
  const firstInvalid = document.querySelector("[aria-invalid=true]");
  if (firstInvalid) firstInvalid.focus();
});

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
  // A form with data-job first starts its work in the background and shows how many
  // documents are ready, then submits itself as usual (the documents are in the store by
  // then). Whatever goes wrong, the ordinary submit still does the whole work.
  for (const form of document.querySelectorAll("form[data-job]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const progress = document.getElementById(form.dataset.progress);
      const bar = progress && progress.querySelector("progress");
      const count = progress && progress.querySelector(".count");
      try {
        const started = await fetch(form.dataset.job, {
          method: "POST", body: new FormData(form), headers: { Accept: "application/json" },
        });
        if (started.status === 202) {
          const { progress_url: progressUrl } = await started.json();
          for (let polls = 0; polls < 600; polls += 1) {
            await new Promise((resolve) => { setTimeout(resolve, 250); });
            const job = await (await fetch(progressUrl, { headers: { Accept: "application/json" } })).json();
            const ready = job.done + job.failed;
            if (bar) { bar.max = job.total; bar.value = ready; }
            if (count) count.textContent = `${ready} / ${job.total}`;
            if (job.state === "done" || job.state === "failed") break;
          }
        }
      } catch (error) {
        // Fall through to the ordinary submit.
      }
      form.submit();
    });
  }
  // After a failed save, move focus to the first field that needs correcting.
  const firstInvalid = document.querySelector("[aria-invalid=true]");
  if (firstInvalid) firstInvalid.focus();
});

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
  // A place of Ukraine is picked, not typed: typing a settlement offers the places whose
  // names begin so; choosing one fills its KATOTTG code (the names are derived from it).
  // Without JavaScript the names typed are resolved on saving, or the choices are listed.
  const picker = document.querySelector("[data-places]");
  for (const input of document.querySelectorAll("input[name$='.settlement']")) {
    const code = document.querySelector(`input[name='${input.name.replace(/settlement$/, "katottg")}']`);
    if (!picker || !code) continue;
    const list = document.createElement("datalist");
    list.id = `${input.id}-places`;
    input.after(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    let offered = [];
    input.addEventListener("input", async () => {
      const chosen = offered.find((place) => place.line === input.value);
      if (chosen) {
        code.value = chosen.katottg;
        input.value = chosen.line.split(", ")[0];
        return;
      }
      code.value = "";
      if (input.value.trim().length < 2) return;
      try {
        const answer = await fetch(`${picker.dataset.places}?q=${encodeURIComponent(input.value)}`, {
          headers: { Accept: "application/json" },
        });
        offered = (await answer.json()).places;
        list.replaceChildren(...offered.map((place) => new Option(place.line, place.line)));
      } catch (error) {
        offered = [];
      }
    });
  }
  // After a failed save, move focus to the first field that needs correcting; else a link
  // to a field (the checklist's "still missing") opens its folded part and focuses it.
  const firstInvalid = document.querySelector("[aria-invalid=true]");
  if (firstInvalid) firstInvalid.focus();
  // After the browser's own move to the fragment, which would take the focus back.
  else window.addEventListener("load", () => setTimeout(revealTarget, 0));
  window.addEventListener("hashchange", revealTarget);
});

function revealTarget() {
  const target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (!target) return;
  for (let folded = target.closest("details"); folded; folded = folded.parentElement.closest("details")) {
    folded.open = true;
  }
  const field = target.matches("input, select, textarea")
    ? target
    : target.querySelector("input:not([type=hidden]), select, textarea");
  (field || target).scrollIntoView({ block: "center" });
  if (field) field.focus();
}

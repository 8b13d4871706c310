// The packet form (service/web/templates/_packet.html) follows the people chosen: it offers
// only the documents their plans list, and chooses those ready for one of them that can be
// made for each (as the server preselects them for everyone). Without JavaScript everyone
// stays chosen and the server leaves out what no plan lists.
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form.packet-form")) {
    const people = [...form.querySelectorAll("input[name=child_ids]")];
    const follow = () => {
      const chosen = new Set(people.filter((box) => box.checked).map((box) => box.value));
      for (const item of form.querySelectorAll("[data-people]")) {
        const theirs = item.dataset.people.split(" ").filter((id) => chosen.has(id));
        const ready = item.dataset.ready.split(" ").filter((id) => chosen.has(id));
        const blocked = item.dataset.blocked.split(" ").filter((id) => chosen.has(id));
        const box = item.querySelector("input[name=documents]");
        item.hidden = theirs.length === 0;
        box.disabled = item.hidden;
        box.checked = ready.length > 0 && blocked.length === 0;
        for (const line of item.querySelectorAll("[data-person]")) {
          line.hidden = !chosen.has(line.dataset.person);
        }
      }
    };
    for (const box of people) box.addEventListener("change", follow);
  }
});

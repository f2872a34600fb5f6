/* The site's scripts, all local: formulas, "On this page", tooltips. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var main = document.querySelector("main") || document.body;

  /* Formulas of the help pages arrive as \( \) (\eqn) and $$ $$ (\deqn).
     A formula KaTeX cannot parse stays as text and is reported on the
     console, where the site check sees it. */
  if (window.renderMathInElement) {
    window.renderMathInElement(main, {
      delimiters: [
        {left: "$$", right: "$$", display: true},
        {left: "\\[", right: "\\]", display: true},
        {left: "\\(", right: "\\)", display: false}
      ],
      ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code"]
    });
  }

  /* "On this page": a link to every second- and third-level heading. */
  var toc = document.getElementById("toc");
  if (toc) {
    var list = document.createElement("ul");
    list.className = "nav nav-pills flex-column";
    var current = null;
    main.querySelectorAll("h2, h3").forEach(function (h) {
      if (h.closest("#toc") || h.hasAttribute("data-toc-skip")) return;
      var id = h.id || (h.parentElement && h.parentElement.id);
      if (!id) return;
      var text = h.cloneNode(true);
      text.querySelectorAll(".anchor").forEach(function (a) { a.remove(); });
      var item = document.createElement("li");
      item.className = "nav-item";
      var link = document.createElement("a");
      link.className = "nav-link";
      link.href = "#" + id;
      link.textContent = text.textContent.trim();
      item.appendChild(link);
      if (h.tagName === "H3" && current) {
        var sub = current.querySelector("ul");
        if (!sub) {
          sub = document.createElement("ul");
          sub.className = "nav nav-pills flex-column";
          current.appendChild(sub);
        }
        sub.appendChild(item);
      } else {
        list.appendChild(item);
        current = item;
      }
    });
    if (list.children.length) toc.appendChild(list);
    else toc.remove();
  }

  /* Tooltips, e.g. on the version number in the navigation bar. */
  if (window.bootstrap && window.bootstrap.Tooltip) {
    document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(
      function (el) { new window.bootstrap.Tooltip(el); });
  }
});

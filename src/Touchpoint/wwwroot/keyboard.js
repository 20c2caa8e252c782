// Keyboard paths through the desktop, on every page (one listener for the document, so enhanced navigation keeps it):
// "/" focuses the app bar's customer search unless the user is typing somewhere; in a list marked
// data-keyboard-list, the arrow keys move between its data-keyboard-item links and Enter opens one (a link's own
// behaviour). From a field marked data-keyboard-list-input="<list>", the down arrow moves into that list.
(() => {
    const typingIn = element =>
        element instanceof HTMLElement
        && (element.isContentEditable || element.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='textbox']") !== null);

    const itemsOf = list => Array.from(list.querySelectorAll("[data-keyboard-item]")).filter(item => item.offsetParent !== null);

    const listNamed = name => document.querySelector(`[data-keyboard-list="${CSS.escape(name)}"]`);

    document.addEventListener("keydown", event => {
        if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }

        const target = event.target;
        if (event.key === "/" && !typingIn(target)) {
            const search = document.getElementById("appbar-search");
            if (search) {
                event.preventDefault();
                search.focus();
                search.select();
            }
            return;
        }

        if (event.key !== "ArrowDown" && event.key !== "ArrowUp") {
            return;
        }

        const input = target instanceof HTMLElement ? target.closest("[data-keyboard-list-input]") : null;
        if (input && event.key === "ArrowDown") {
            const list = listNamed(input.getAttribute("data-keyboard-list-input"));
            const first = list ? itemsOf(list)[0] : undefined;
            if (first) {
                event.preventDefault();
                first.focus();
            }
            return;
        }

        const list = target instanceof HTMLElement ? target.closest("[data-keyboard-list]") : null;
        if (!list || !target.matches("[data-keyboard-item]")) {
            return;
        }

        const items = itemsOf(list);
        const index = items.indexOf(target);
        event.preventDefault();
        if (event.key === "ArrowDown" && index < items.length - 1) {
            items[index + 1].focus();
        } else if (event.key === "ArrowUp" && index > 0) {
            items[index - 1].focus();
        } else if (event.key === "ArrowUp" && index === 0) {
            // Up from the first row goes back to where the list was searched from.
            const name = list.getAttribute("data-keyboard-list");
            document.querySelector(`[data-keyboard-list-input="${CSS.escape(name)}"] input, input[data-keyboard-list-input="${CSS.escape(name)}"]`)?.focus();
        }
    });
})();

"""A small HTML reader for the tests of the web pages: elements with their attributes and text.

Built on the standard library's tokenizer (``html.parser``), which finds a
start tag wherever a browser would: so an element that user text smuggled
into a page shows up here as an element.
"""

from __future__ import annotations

from html.parser import HTMLParser

import attrs

__all__ = ["Element", "parse"]

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_RAW = frozenset({"script", "style"})


@attrs.define
class Element:
    """One element: its tag, attributes, children and the text directly inside it."""

    tag: str
    attributes: dict[str, str | None]
    content: list[Element | str] = attrs.field(factory=list)  # children and text, in order
    parent: Element | None = attrs.field(default=None, repr=False)

    @property
    def children(self) -> list[Element]:
        return [node for node in self.content if isinstance(node, Element)]

    def get(self, name: str) -> str | None:
        return self.attributes.get(name)

    def text(self) -> str:
        """All the text inside, in order, as one string."""
        return "".join(node if isinstance(node, str) else node.text() for node in self.content)

    def iter(self) -> list[Element]:
        """This element and every element inside it, in document order."""
        found = [self]
        for child in self.children:
            found.extend(child.iter())
        return found

    def find_all(self, tag: str | None = None, **attributes: str) -> list[Element]:
        """The elements inside (this one included) with ``tag`` and these attribute values.

        An attribute given as ``True`` only has to be present; ``class_``
        matches one class among the element's classes.
        """
        found = []
        for element in self.iter():
            if tag is not None and element.tag != tag:
                continue
            ok = True
            for name, value in attributes.items():
                key = name.rstrip("_").replace("_", "-")
                have = element.attributes.get(key)
                if value is True:
                    ok = ok and key in element.attributes
                elif key == "class":
                    ok = ok and value in (have or "").split()
                else:
                    ok = ok and have == value
            if ok:
                found.append(element)
        return found

    def find(self, tag: str | None = None, **attributes: str) -> Element | None:
        found = self.find_all(tag, **attributes)
        return found[0] if found else None


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), parent=self.current)
        self.current.content.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.content.append(Element(tag, dict(attrs), parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # close it and anything left open in it
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.content.append(data)


def parse(text: str) -> Element:
    """Return the document tree of an HTML page or fragment."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root

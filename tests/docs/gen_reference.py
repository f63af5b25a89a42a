#!/usr/bin/env python3
"""Generate docs/reference.md from the `///` comments of the public headers.

Usage:
    python3 tests/docs/gen_reference.py > docs/reference.md     # regenerate the page
    python3 tests/docs/gen_reference.py --check                 # fail if the page is stale
    python3 tests/docs/gen_reference.py --undocumented          # list public entities without /// (exit 1 if any)

Reads every public header under include/fundround/ (not detail/), in layer order: top-level,
numeric/, time/, deal/, analysis/, io/. For each header it prints the @file/@brief text, then every
documented public entity in declaration order: namespace-scope functions, classes and structs
(with their public members), enums (with their enumerators), type aliases, constants and macros,
each as its declaration (no bodies, no `inline`/`[[nodiscard]]` noise, default arguments kept)
followed by its `///` text (`///<` for members and enumerators). Private and protected sections
and namespace detail are skipped. Standard library only; the output depends only on the headers.

This is a lightweight declaration scanner, not a C++ parser: it relies on the library's
conventions (FUNDROUND_BEGIN_NAMESPACE/END, one declaration per statement, first #if branch is
the one documented).
"""
import argparse
import difflib
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
INCLUDE = os.path.join(ROOT, "include", "fundround")
PAGE = os.path.join(ROOT, "docs", "reference.md")
REGEN = "python3 tests/docs/gen_reference.py > docs/reference.md"
LAYERS = ["", "numeric", "time", "deal", "analysis", "io"]
# Top-level headers first in this order (the rest alphabetically after them).
TOP_ORDER = ["fundround.hpp", "core.hpp", "version.hpp", "config.hpp", "fwd.hpp", "error.hpp"]

# Words dropped from printed declarations: they say nothing to a reader of the reference.
NOISE = [r"\[\[nodiscard\]\]", r"\[\[maybe_unused\]\]", r"\bFUNDROUND_COLD\b", r"\binline\b"]


# --------------------------------------------------------------------------------------------
# Header discovery
# --------------------------------------------------------------------------------------------

def public_headers():
    out = []
    # a new layer folder is listed after the known ones (detail/ never)
    extra = sorted(n for n in os.listdir(INCLUDE) if os.path.isdir(os.path.join(INCLUDE, n))
                   and n not in LAYERS and n != "detail")
    for layer in LAYERS + extra:
        d = os.path.join(INCLUDE, layer) if layer else INCLUDE
        names = sorted(n for n in os.listdir(d) if n.endswith(".hpp"))
        if not layer:
            names = [n for n in TOP_ORDER if n in names] + [n for n in names if n not in TOP_ORDER]
        out += [(layer + "/" + n) if layer else n for n in names]
    return out


# --------------------------------------------------------------------------------------------
# Pre-pass: keep only the first branch of each #if/#ifdef (the documented one)
# --------------------------------------------------------------------------------------------

def first_branches(text):
    lines = text.split("\n")
    out = []
    stack = []  # per #if: True while in a dropped branch
    i = 0
    while i < len(lines):
        line = lines[i]
        # a logical preprocessor line may continue with backslashes
        logical = [line]
        while logical[-1].rstrip().endswith("\\") and line.lstrip().startswith("#") and \
                i + 1 < len(lines):
            i += 1
            logical.append(lines[i])
        m = re.match(r"\s*#\s*(\w+)", line)
        directive = m.group(1) if m else None
        dropped = any(stack)
        if directive in ("if", "ifdef", "ifndef"):
            stack.append(False)
            keep = not dropped
        elif directive in ("elif", "else"):
            if stack:
                stack[-1] = True
            keep = False
        elif directive == "endif":
            if stack:
                stack.pop()
            keep = False
        else:
            keep = not dropped
        for part in logical:
            out.append(part if keep else "")
        i += 1
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Scanner
# --------------------------------------------------------------------------------------------

class Entity:
    def __init__(self, kind, name, decl, doc, ns):
        self.kind = kind      # function, class, struct, union, enum, alias, constant, macro, ...
        self.name = name
        self.decl = decl
        self.doc = list(doc)  # raw comment lines (without ///)
        self.ns = ns          # enclosing namespace path other than fundround ("" or "std")
        self.members = []     # public members / enumerators


class Scope:
    def __init__(self, kind, name, visible, access=None, entity=None):
        self.kind = kind          # namespace, class, enum
        self.name = name
        self.visible = visible    # False inside detail, private sections are handled by access
        self.access = access      # for classes: public / private / protected
        self.entity = entity


def clean_decl(text):
    t = text
    for pat in NOISE:
        t = re.sub(pat, " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"\(\s+", "(", t)
    t = re.sub(r"\s+\)", ")", t)
    t = re.sub(r"<\s+", "<", t)
    t = re.sub(r"\s+>", ">", t)
    t = re.sub(r"\s+,", ",", t)
    t = re.sub(r"\s+;", ";", t)
    t = t.rstrip(";").strip()
    return t


def top_level(text, chars):
    """Yields (index, char) of characters from chars outside (), [], {} and <> of templates."""
    depth = 0
    for i, c in enumerate(text):
        if depth == 0 and c in chars:
            yield i, c
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1


def strip_template_prefix(text):
    """`template <class F, std::enable_if_t<...> = 0> money f(F)` -> `money f(F)`."""
    t = text.lstrip()
    while True:
        m = re.match(r"template\s*<", t)
        if not m:
            return t
        depth = 1
        j = m.end()
        while j < len(t) and depth:
            depth += {"<": 1, ">": -1}.get(t[j], 0)
            j += 1
        t = t[j:].lstrip()


def strip_ctor_initializers(text):
    """`money(rep u) noexcept : units_(u)` -> `money(rep u) noexcept`."""
    depth = 0
    seen_paren = False
    for i, c in enumerate(text):
        if c == "(":
            depth += 1
            seen_paren = True
        elif c == ")":
            depth -= 1
        elif c == ":" and depth == 0 and seen_paren:
            if text[i + 1:i + 2] == ":" or text[i - 1:i] == ":":
                continue
            return text[:i].rstrip()
    return text


def entity_name(kind, decl):
    if kind == "macro":
        return re.match(r"#\s*define\s+(\w+)", decl).group(1)
    if kind in ("class", "struct", "union"):
        d = re.sub(r"^template\s*<.*?>\s*(?=(class|struct|union)\b)", "", decl)
        m = re.match(r"(class|struct|union)\s+(?:\[\[.*?\]\]\s*)?(\w+(?:::\w+)*(?:<.*?>)?)", d)
        return m.group(2) if m else decl
    if kind == "enum":
        m = re.match(r"enum\s+(?:class\s+|struct\s+)?(\w+)", decl)
        return m.group(1) if m else decl
    if kind == "alias":
        m = re.search(r"using\s+(\w+)\s*=", decl) or re.search(r"(\w+)\s*$", decl)
        return m.group(1)
    if kind == "function":
        head = decl
        # the name is the identifier (or operator) right before the parameter list
        m = re.search(r"((?:\w+::)*(?:operator\s*\"\"\s*\w+|operator\s*\(\)|operator\s*[^\s(]+|~?\w+))\s*\(",
                      _before_params(head))
        return re.sub(r"\s+", " ", m.group(1)) if m else head
    m = re.search(r"(\w+)\s*(?:=|\{|$)", decl)
    return m.group(1) if m else decl


def _before_params(decl):
    """The declaration up to and including the '(' of its parameter list."""
    d = re.sub(r"^template\s*<", "", decl)
    # skip a template prefix: find the matching '>' of `template <`
    if decl.startswith("template"):
        depth = 1
        j = decl.index("<") + 1
        while j < len(decl) and depth:
            depth += {"<": 1, ">": -1}.get(decl[j], 0)
            j += 1
        d = decl[j:]
    m = re.search(r"operator\s*\(\)\s*\(", d)
    if m:
        return d[:m.end()]
    idx = d.find("(")
    return d[:idx + 1] if idx >= 0 else d


def signature_key(decl):
    """A function's name and parameter types, without parameter names and default arguments:
    `f(int a, const x& b = {})` and `f(int, const x&)` give the same key."""
    name = entity_name("function", decl)
    rest = strip_template_prefix(decl)
    start = len(_before_params(rest)) - 1  # the '(' of the parameter list
    if start < 0 or rest[start:start + 1] != "(":
        return name
    depth = 0
    params, cur = [], ""
    for c in rest[start + 1:]:
        if c in "([{<":
            depth += 1
        elif c in ")]}>":
            if depth == 0:
                break
            depth -= 1
        if c == "," and depth == 0:
            params.append(cur)
            cur = ""
        else:
            cur += c
    params.append(cur)
    types = []
    for p in params:
        eq = [i for i, _ in top_level(p, "=")]
        p = (p[:eq[0]] if eq else p).strip()
        p = re.sub(r"\s*\b[A-Za-z_]\w*$", "", p) if re.search(r"[\w&*>]\s+[A-Za-z_]\w*$", p) else p
        types.append(re.sub(r"\s+", " ", p).strip())
    return name + "(" + ",".join(t for t in types if t) + ")"


class Scanner:
    def __init__(self, text):
        self.s = first_branches(text)
        self.i = 0
        self.entities = []          # namespace-scope entities in order
        self.file_doc = []
        self.scopes = [Scope("namespace", "", True)]
        self.text = ""              # current declaration text
        self.doc = []               # pending /// lines
        self.last = None            # last entity finished (for ///<)
        self.paren = 0
        self.undocumented = []
        self.documented = set()   # documented function names (their later definitions are fine)

    # -- helpers ------------------------------------------------------------------------------
    def visible(self):
        for sc in self.scopes:
            if not sc.visible:
                return False
            if sc.kind == "class" and sc.access != "public":
                return False
        return True

    def ns_path(self):
        # the names a user writes: inline namespaces are left out
        names = [sc.name for sc in self.scopes if sc.kind == "namespace" and sc.name
                 and sc.name != "fundround" and not getattr(sc, "inline", False)]
        if names and any(sc.name == "fundround" for sc in self.scopes):
            names.insert(0, "fundround")
        return "::".join(names)

    def add(self, ent):
        top = self.scopes[-1]
        if top.kind in ("class", "enum") and top.entity is not None:
            top.entity.members.append(ent)
        else:
            self.entities.append(ent)
        self.last = ent

    def reset(self):
        self.text = ""
        self.doc = []
        self.paren = 0

    def skip_braces(self):
        """self.s[self.i] == '{': returns the text up to the matching '}' (inclusive)."""
        depth = 0
        start = self.i
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if s.startswith("//", self.i):
                self.i = s.find("\n", self.i)
                if self.i < 0:
                    self.i = len(s)
                continue
            if s.startswith("/*", self.i):
                self.i = s.find("*/", self.i) + 2
                continue
            if c in "\"'":
                self.skip_literal()
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    self.i += 1
                    return s[start:self.i]
            self.i += 1
        return s[start:]

    def skip_literal(self):
        s = self.s
        q = s[self.i]
        j = self.i + 1
        while j < len(s) and s[j] != q:
            j += 2 if s[j] == "\\" else 1
        self.i = j + 1
        return s[self.i - (j + 1 - self.i):self.i]

    # -- the walk ------------------------------------------------------------------------------
    def run(self):
        s = self.s
        at_line_start = True
        while self.i < len(s):
            c = s[self.i]
            if c == "\n":
                at_line_start = True
                self.text += " "
                self.i += 1
                continue
            if c in " \t":
                self.text += " " if self.text and not self.text.endswith(" ") else ""
                self.i += 1
                continue
            if at_line_start and c == "#":
                self.directive()
                continue
            at_line_start = False
            if s.startswith("///<", self.i):
                end = s.find("\n", self.i)
                end = len(s) if end < 0 else end
                line = s[self.i + 4:end]
                self.i = end
                self.trailing_doc(line)
                continue
            if s.startswith("///", self.i) and not s.startswith("////", self.i):
                end = s.find("\n", self.i)
                end = len(s) if end < 0 else end
                self.doc.append(s[self.i + 3:end])
                self.i = end
                continue
            if s.startswith("//", self.i):
                end = s.find("\n", self.i)
                self.i = len(s) if end < 0 else end
                continue
            if s.startswith("/*", self.i):
                self.i = s.find("*/", self.i) + 2
                continue
            if c in "\"'":
                start = self.i
                self.skip_literal()
                self.text += s[start:self.i]
                continue
            if c == "(":
                self.paren += 1
            elif c == ")":
                self.paren -= 1
            if self.paren > 0 and c == "{":
                self.text += self.skip_braces()
                continue
            if self.paren == 0 and c == "{":
                self.open_brace()
                continue
            if self.paren == 0 and c == "}":
                self.close_brace()
                continue
            if self.paren == 0 and c == ";":
                self.i += 1
                self.statement(self.text)
                continue
            if self.paren == 0 and c == "," and self.scopes[-1].kind == "enum":
                self.i += 1
                self.enumerator(self.text)
                continue
            if self.paren == 0 and c == ":" and self.scopes[-1].kind == "class":
                label = self.text.strip()
                if label in ("public", "private", "protected") and s[self.i + 1] != ":":
                    self.scopes[-1].access = label
                    self.i += 1
                    self.reset()
                    continue
            self.text += c
            self.i += 1
            # the namespace macros stand alone, without ';'
            word = self.text.strip()
            if word in ("FUNDROUND_BEGIN_NAMESPACE", "FUNDROUND_END_NAMESPACE") and \
                    not re.match(r"\w", s[self.i:self.i + 1]):
                if word.endswith("BEGIN_NAMESPACE"):
                    self.scopes.append(Scope("namespace", "fundround", True))
                elif len(self.scopes) > 1:
                    self.scopes.pop()
                self.reset()

    def directive(self):
        s = self.s
        end = self.i
        while True:
            nl = s.find("\n", end)
            nl = len(s) if nl < 0 else nl
            if s[end:nl].rstrip().endswith("\\"):
                end = nl + 1
                continue
            break
        line = s[self.i:nl]
        self.i = nl
        m = re.match(r"#\s*define\s+(\w+)", line)
        if m and not re.match(r"FUNDROUND_\w+_HPP$|FUNDROUND_DETAIL_", m.group(1)):
            body = re.sub(r"\\\s*\n", " ", line)
            body = re.sub(r"//.*", "", body)
            decl = re.sub(r"\s+", " ", body).strip()
            if self.doc:
                ent = Entity("macro", m.group(1), decl, self.doc, "")
                self.entities.append(ent)
                self.last = ent
            else:
                self.undocumented.append("macro " + m.group(1))
            self.doc = []
        elif re.match(r"#\s*(if|ifdef|ifndef)\b", line):
            pass  # keep the pending doc: it documents what the branch defines
        else:
            self.doc = [] if not self.text.strip() else self.doc

    def trailing_doc(self, line):
        if self.text.strip():
            self.pending_trailing = getattr(self, "pending_trailing", []) + [line]
        elif self.last is not None:
            self.last.doc.append(line)

    def take_doc(self):
        doc = self.doc + getattr(self, "pending_trailing", []) + self.peek_trailing()
        self.pending_trailing = []
        return doc

    def peek_trailing(self):
        """Consumes a `///<` comment that follows the end of a declaration on the same line."""
        m = re.match(r"[ \t]*,?[ \t]*///<([^\n]*)", self.s[self.i:])
        if not m:
            return []
        self.i += m.end()
        return [m.group(1)]

    def open_brace(self):
        text = self.text.strip()
        head = re.sub(r"^(\[\[.*?\]\]\s*)+", "", text)
        nm = re.match(r"(inline\s+)?namespace\b\s*([\w:]*)", head)
        if nm:
            name = nm.group(2)
            self.i += 1
            visible = name != "detail" and not name.startswith("detail::") and name != ""
            doc = self.take_doc()
            if visible and doc and self.visible():
                inside = any(x.name == "fundround" for x in self.scopes)
                outer = self.ns_path() or ("fundround" if inside else "")
                path = outer + "::" + name if outer else name
                decl = ("inline " if nm.group(1) else "") + "namespace " + name
                self.add(Entity("namespace", path, decl, doc, ""))
            self.scopes.append(Scope("namespace", name, visible))
            self.scopes[-1].inline = bool(nm.group(1))
            self.reset()
            return
        if re.match(r'extern\s+"C', head):
            self.i += 1
            self.scopes.append(Scope("namespace", "", True))
            self.reset()
            return
        tmpl = re.sub(r"^template\s*<.*?>\s*(?=(class|struct|union|enum)\b)", "", head, flags=re.S)
        cm = re.match(r"(class|struct|union)\b", tmpl)
        em = re.match(r"enum\b", tmpl)
        if (cm or em) and "(" not in re.sub(r"<.*>", "", tmpl.split(":")[0]) and "=" not in tmpl:
            kind = cm.group(1) if cm else "enum"
            doc = self.take_doc()
            ent = Entity(kind, "", clean_decl(text), doc, self.ns_path())
            ent.name = entity_name(kind, ent.decl)
            vis = self.visible()
            if vis and doc:
                self.add(ent)
            elif vis:
                self.undocumented.append(kind + " " + ent.name)
            access = "private" if kind == "class" else "public"
            self.i += 1
            self.scopes.append(Scope("enum" if em else "class", ent.name, vis and bool(doc),
                                     access, ent))
            self.reset()
            return
        # a function body or a brace initializer
        is_init = False
        bare = strip_template_prefix(text)
        eq = [i for i, _ in top_level(bare, "=")]
        par = [i for i, _ in top_level(bare, "(")]
        if eq and "operator" not in bare[:eq[0]] and (not par or eq[0] < par[0]):
            is_init = True
        if not par:
            is_init = True
        if is_init:
            body = self.skip_braces()
            self.text += body if len(body) <= 60 else "{...}"
            return
        self.skip_braces()
        # a function definition: done (a stray ';' after it is harmless)
        self.function(text)
        self.reset()

    def close_brace(self):
        self.i += 1
        top = self.scopes[-1]
        if top.kind == "enum" and self.text.strip():
            self.enumerator(self.text)
        if len(self.scopes) > 1:
            self.scopes.pop()
        if top.kind in ("class", "enum"):
            # `};` or `} name;` ends the declaration
            self.last = top.entity
            rest = re.match(r"\s*(\w*)\s*;", self.s[self.i:])
            if rest:
                self.i += rest.end()
        self.reset()

    def enumerator(self, text):
        t = clean_decl(text)
        doc = self.take_doc()
        if t and self.scopes[-1].visible:
            ent = Entity("enumerator", re.match(r"\w+", t).group(0), t, doc, "")
            self.add(ent)
        else:
            self.last = None
        self.reset()

    def function(self, text):
        decl = clean_decl(strip_ctor_initializers(text))
        doc = self.take_doc()
        if not self.visible() or decl.startswith("friend class") or \
                decl.startswith("friend struct"):
            self.last = None
            return
        if not doc:
            # an out-of-line definition (`X::f`, or a namespace-scope function defined after its
            # documented declaration) is documented where it is declared; an undocumented
            # overload of a documented name is not
            name = entity_name("function", decl)
            deleted = re.search(r"=\s*delete$", decl) is not None  # not callable: not API
            if "::" not in name and not deleted and signature_key(decl) not in self.documented:
                self.undocumented.append("function " + decl)
            self.last = None
            return
        ent = Entity("function", entity_name("function", decl), decl, doc, self.ns_path())
        self.documented.add(signature_key(decl))
        self.add(ent)

    def statement(self, text):
        t = text.strip()
        if not t or t.startswith("static_assert") or not self.visible():
            self.peek_trailing()
            self.last = None
            self.reset()
            self.pending_trailing = []
            return
        if re.match(r"(template\s*<.*>\s*)?(class|struct|union|enum)\b[^(=]*$", t, re.S) and \
                "{" not in t:
            self.reset()  # forward declaration
            self.pending_trailing = []
            return
        if re.match(r"friend\s+(class|struct)\b", t):
            self.reset()
            return
        if re.match(r"using\s+namespace\b", t):
            self.reset()
            return
        if self.scopes[-1].kind == "enum":
            self.enumerator(text)
            return
        bare = strip_template_prefix(t)
        eq = [i for i, _ in top_level(bare, "=")]
        par = [i for i, _ in top_level(bare, "(")]
        if re.match(r"(template\s*<.*?>\s*)?using\s+\w+\s*=", t, re.S) or t.startswith("typedef"):
            kind = "alias"
        elif t.startswith("using "):
            kind = "using"
        elif par and (not eq or par[0] < eq[0] or "operator" in bare[:eq[0]]):
            self.function(text)
            self.reset()
            return
        else:
            kind = "constant" if re.search(r"\b(constexpr|const)\b", t) else "variable"
        decl = clean_decl(t)
        doc = self.take_doc()
        name = entity_name("alias" if kind == "alias" else kind, decl)
        if kind == "using":
            name = re.sub(r"^.*::", "", decl)
        if doc:
            self.add(Entity(kind, name, decl, doc, self.ns_path()))
        else:
            if not re.match(r"using (\w+::)*(\w+)::\2$", decl):  # inheriting constructors
                self.undocumented.append(kind + " " + decl)
            self.last = None
        self.reset()


class ScanError(Exception):
    pass


def scan(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # the file comment: the /// block holding @file; blanked so it documents no declaration
    lines = text.split("\n")
    file_doc = []
    start = next((k for k, line in enumerate(lines) if re.match(r"\s*///\s*[@\\]file\b", line)),
                 None)
    if start is not None:
        k = start
        while k < len(lines) and re.match(r"\s*///", lines[k]):
            file_doc.append(re.match(r"\s*///(.*)$", lines[k]).group(1))
            lines[k] = ""
            k += 1
    sc = Scanner("\n".join(lines))
    sc.run()
    if len(sc.scopes) != 1 or sc.text.strip():
        raise ScanError("%s: could not follow the declarations (unbalanced braces or a "
                        "construct gen_reference.py does not know; open scopes: %s; pending "
                        "text: %r)" % (path, [x.name for x in sc.scopes[1:]], sc.text.strip()[:80]))
    return file_doc, sc.entities, sc.undocumented


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

def escape_tags(line):
    """`<ostream>` in prose would be an HTML tag to GitHub and Doxygen: write &lt; outside code."""
    parts = line.split("`")
    for k in range(0, len(parts), 2):  # even parts are outside code spans
        parts[k] = re.sub(r"<(?=[A-Za-z/!])", "&lt;", parts[k])
    return "`".join(parts)


def doc_text(lines, drop_file=True):
    """Doxygen-flavoured /// lines -> Markdown lines."""
    out = []
    for raw in lines:
        line = raw[1:] if raw.startswith(" ") else raw
        line = line.rstrip()
        if drop_file and re.match(r"\s*@file\b", line):
            continue
        line = re.sub(r"^\s*@brief\s+", "", line)
        line = re.sub(r"[@\\]brief\s+", "", line)
        line = re.sub(r"[@\\](?:p|c|a)\s+([A-Za-z_]\w*(?:(?:::|\.|->)\w+)*(?:\[\w*\])?)",
                      lambda m: "`" + m.group(1) + "`", line)
        line = re.sub(r"[@\\]ref\s+([\w:.]+)", r"\1", line)
        line = re.sub(r"^\s*[@\\]return[s]?\s+", "Returns ", line)
        line = re.sub(r"^\s*[@\\]throws?\s+", "Throws ", line)
        line = re.sub(r"^\s*[@\\]note\s+", "Note: ", line)
        line = re.sub(r"^\s*[@\\]warning\s+", "Warning: ", line)
        line = re.sub(r"[@\\]see\s+", "See ", line)
        line = re.sub(r"^\s*[@\\]param(?:\[\w+\])?\s+(\w+)\s+", r"- `\1`: ", line)
        out.append(line if line.startswith("    ") else escape_tags(line))
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    return out


def anchor(heading):
    """GitHub's anchor for a heading text."""
    a = heading.strip().lower()
    a = re.sub(r"[^\w\- ]", "", a)
    return a.replace(" ", "-")


KIND_WORD = {"function": "function", "class": "class", "struct": "struct", "union": "union",
             "enum": "enum", "alias": "type", "constant": "constant", "variable": "variable",
             "macro": "macro", "using": "using", "namespace": "namespace"}


def fence(decls):
    lines = []
    for d in decls:
        rest = strip_template_prefix(d)
        if rest != d.lstrip() and rest:  # the template head on its own line, as in the header
            lines += [d[:len(d) - len(rest)].rstrip(), rest]
        else:
            lines.append(d)
    return ["<!-- not compiled -->", "```cpp"] + lines + ["```"]


def member_lines(m):
    # Doxygen 1.9 takes `!std::x` in a code span for an explicit link request: `! std::x`
    decl = re.sub(r"!(?=[A-Za-z_:])", "! ", m.decl)
    doc = doc_text(m.doc)
    first = doc[0] if doc else ""
    lines = ["- `" + decl + "`" + (" — " + first if first else "")]
    for d in doc[1:]:
        lines.append(("  " + d) if d.strip() else "")
    # a nested public class: its members one level down
    for sub in m.members:
        lines += ["  " + x if x else "" for x in member_lines(sub)]
    return lines


def render(headers):
    out = []
    out += [
        "# API reference",
        "",
        "<!-- Generated by `" + REGEN + "` from the `///` comments of",
        "     include/fundround/. Do not edit by hand: edit the comments, then regenerate. -->",
        "",
        "> **Generated page.** Produced by `" + REGEN + "` from the `///`",
        "> comments of the public headers; do not edit it by hand (the `docs_reference_up_to_date`",
        "> test fails when it is stale). The same comments also build a Doxygen reference:",
        "> `cmake --preset dev -DFUNDROUND_BUILD_DOCS=ON && cmake --build --preset dev --target fundround_docs`,",
        "> then open `build/dev/docs/html/index.html`. The rules for exactness, rounding, overflow and",
        "> currencies are collected in [exactness.md](exactness.md); definitions in",
        "> [concepts.md](concepts.md).",
        "",
        "Every documented public entity, by header, in declaration order. Everything is in",
        "`namespace fundround` unless noted; `detail` and private members are left out. Links into",
        "this page are stable: one `## fundround/<folder>/<name>.hpp` heading per header",
        "(`reference.md#fundroundnumericmoneyhpp`) and one `###` heading per entity",
        "(`reference.md#class-money`).",
        "",
    ]
    toc = {}
    for h in headers:
        layer = h.split("/")[0] if "/" in h else ""
        toc.setdefault(layer, []).append(h)
    for layer in toc:
        label = (layer + "/") if layer else "top level"
        links = ["[" + os.path.basename(h) + "](#" + anchor("fundround/" + h) + ")"
                 for h in toc[layer]]
        out.append("- " + label + ": " + " · ".join(links))
    out.append("")

    for h in headers:
        file_doc, ents, _ = scan(os.path.join(INCLUDE, h))
        out += ["## fundround/" + h, ""]
        out += ["`#include <fundround/" + h + ">`", ""]
        fd = doc_text(file_doc)
        if fd:
            out += fd + [""]
        i = 0
        while i < len(ents):
            e = ents[i]
            where = (" (in namespace `" + e.ns + "`)") if e.ns else ""
            if e.kind in ("class", "struct", "union", "enum"):
                out += ["### " + KIND_WORD[e.kind] + " `" + e.name + "`" + where, ""]
                out += fence([e.decl]) + [""]
                out += doc_text(e.doc) + [""]
                if e.members:
                    out.append("Enumerators:" if e.kind == "enum" else "Public members:")
                    out.append("")
                    for m in e.members:
                        out += member_lines(m)
                    out.append("")
                i += 1
                continue
            # a run of overloads of the same name shares one heading
            group = [e]
            while i + len(group) < len(ents) and ents[i + len(group)].name == e.name and \
                    ents[i + len(group)].kind == e.kind:
                group.append(ents[i + len(group)])
            out += ["### " + KIND_WORD[e.kind] + " `" + e.name + "`" + where, ""]
            for g in group:
                out += fence([g.decl]) + [""]
                out += doc_text(g.doc) + [""]
            i += len(group)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="compare with docs/reference.md; print a diff and fail if it differs")
    ap.add_argument("--undocumented", action="store_true",
                    help="list public declarations without a /// comment (to stderr); exit 1 if any")
    args = ap.parse_args()
    try:
        return run(args)
    except ScanError as e:
        print("gen_reference.py: " + str(e), file=sys.stderr)
        return 2


def run(args):
    # the page is UTF-8 whatever the locale (ctest may run under LANG=C)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    headers = public_headers()
    if args.undocumented:
        found = 0
        for h in headers:
            for u in scan(os.path.join(INCLUDE, h))[2]:
                print(h + ": " + u, file=sys.stderr)
                found += 1
        return 1 if found else 0
    page = render(headers)
    if args.check:
        try:
            with open(PAGE, encoding="utf-8", newline="") as f:
                current = f.read()
        except OSError:
            current = ""
        if current == page:
            print("docs/reference.md is up to date")
            return 0
        sys.stdout.writelines(difflib.unified_diff(
            current.splitlines(True), page.splitlines(True),
            "docs/reference.md (committed)", "docs/reference.md (generated)"))
        print("\ndocs/reference.md is out of date with the /// comments of the headers. "
              "Regenerate it from the source root:\n    " + REGEN)
        return 1
    sys.stdout.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())

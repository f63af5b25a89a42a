# Doxygen input filter for the Markdown pages (FILTER_PATTERNS in docs/Doxyfile.in).
# Doxygen 1.9.4 cannot resolve GitHub-style in-page links such as [Money](#money) (it has no
# GitHub heading ids before 1.10) and warns for each one, so in the generated pages they become
# plain text: [Money](#money) -> Money. The files themselves, as GitHub shows them, keep the links.
s/\[([^]]*)\]\(#[^)]*\)/\1/g

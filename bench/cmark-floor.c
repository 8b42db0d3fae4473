/* The floor for reading a vault: parse every note with libcmark and walk its tree, touching what Loom
 * extracts (code block literals and info strings, headings, links, text). With --html it also renders
 * each note's HTML, as Loom does for every page.
 *
 *     cmark-floor [--html] FILE...      (or file names, one a line, on standard input)
 */
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long checksum;

static void walk_and_render(const char *path, int render) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(1); }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *bytes = malloc((size_t)size + 1);
    if (fread(bytes, 1, (size_t)size, file) != (size_t)size) { perror(path); exit(1); }
    fclose(file);

    cmark_node *root = cmark_parse_document(bytes, (size_t)size, CMARK_OPT_VALIDATE_UTF8);
    cmark_iter *iter = cmark_iter_new(root);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (event != CMARK_EVENT_ENTER) continue;
        cmark_node *node = cmark_iter_get_node(iter);
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_CODE_BLOCK:
            checksum += strlen(cmark_node_get_literal(node)) + strlen(cmark_node_get_fence_info(node));
            break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            checksum += strlen(cmark_node_get_literal(node));
            break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
            checksum += strlen(cmark_node_get_url(node));
            break;
        case CMARK_NODE_HEADING:
            checksum += (unsigned long long)cmark_node_get_heading_level(node) + (unsigned long long)cmark_node_get_start_line(node);
            break;
        default:
            break;
        }
    }
    cmark_iter_free(iter);
    if (render) {
        char *html = cmark_render_html(root, CMARK_OPT_DEFAULT);
        checksum += strlen(html);
        free(html);
    }
    cmark_node_free(root);
    free(bytes);
}

int main(int argc, char **argv) {
    int render = 0, first = 1;
    if (argc > 1 && strcmp(argv[1], "--html") == 0) { render = 1; first = 2; }
    if (first < argc) {
        for (int i = first; i < argc; i++) walk_and_render(argv[i], render);
    } else {
        char line[4096];
        while (fgets(line, sizeof line, stdin)) {
            line[strcspn(line, "\n")] = 0;
            if (line[0]) walk_and_render(line, render);
        }
    }
    printf("%llu\n", checksum);
    return 0;
}

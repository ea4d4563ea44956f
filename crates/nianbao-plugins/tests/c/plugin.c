/* A nianbao plugin in C, written from the contract in the SDK's `abi` module alone: the
 * tests build it with the system's C compiler and load it. It writes how many bytes of
 * request it got and the value of its option `greeting`; `greeting=fail` makes it fail. */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct NianbaoBuffer {
    uint8_t *ptr;
    size_t len;
    size_t capacity;
} NianbaoBuffer;

typedef struct NianbaoPluginTable {
    uint32_t abi_version;
    uint32_t struct_size;
    int32_t (*describe)(NianbaoBuffer *out);
    int32_t (*export_)(const uint8_t *request, size_t request_len, NianbaoBuffer *out);
    void (*free)(NianbaoBuffer buffer);
} NianbaoPluginTable;

static const char DESCRIPTION[] =
    "{\"id\": \"c\", \"extension\": \"txt\", \"media_type\": \"text/plain; charset=utf-8\","
    " \"description\": \"A plugin written in C\", \"version\": \"1.0.0\","
    " \"options\": [{\"key\": \"greeting\", \"default\": \"hello\", \"description\": \"The first word\"}],"
    " \"sdk_version\": \"none (C)\", \"document_schema\": 2, \"interchange_schema\": 1}";

static int32_t fill(NianbaoBuffer *out, const char *text, int32_t status) {
    size_t len = strlen(text);
    out->ptr = malloc(len);
    if (out->ptr == NULL) {
        return 2;
    }
    memcpy(out->ptr, text, len);
    out->len = len;
    out->capacity = len;
    return status;
}

static int32_t describe(NianbaoBuffer *out) {
    return fill(out, DESCRIPTION, 0);
}

static int32_t export_(const uint8_t *request, size_t request_len, NianbaoBuffer *out) {
    /* A real plugin parses the JSON; this one only looks for its option's value. */
    const char *needle = "\"greeting\":\"";
    const char *found = memmem(request, request_len, needle, strlen(needle));
    char greeting[64] = "?";
    if (found != NULL) {
        found += strlen(needle);
        size_t n = 0;
        while (n < sizeof greeting - 1 && (const uint8_t *)(found + n) < request + request_len
               && found[n] != '"') {
            greeting[n] = found[n];
            n++;
        }
        greeting[n] = '\0';
    }
    if (strcmp(greeting, "fail") == 0) {
        return fill(out, "the C plugin fails on request", 1);
    }
    char text[128];
    snprintf(text, sizeof text, "%s: a request of %zu bytes\n", greeting, request_len);
    return fill(out, text, 0);
}

static void release(NianbaoBuffer buffer) {
    free(buffer.ptr);
}

static const NianbaoPluginTable TABLE = {
    1, sizeof(NianbaoPluginTable), describe, export_, release,
};

const NianbaoPluginTable *nianbao_plugin_entry_v1(void) {
    return &TABLE;
}

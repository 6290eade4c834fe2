package io.reflector.ingest.api;

import io.reflector.ingest.store.Page;

/** The {@code limit} and {@code cursor} query parameters every list endpoint takes, checked alike. */
final class Paging {
    private Paging() {
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return Page.DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > Page.MAX_LIMIT) {
            throw new BadRequestException("limit: must be between 1 and " + Page.MAX_LIMIT);
        }
        return limit;
    }

    static Page.Cursor cursor(String cursor) {
        try {
            return Page.Cursor.parse(cursor);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}

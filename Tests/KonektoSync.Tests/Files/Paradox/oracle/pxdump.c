/*
 * pxdump: reads a Paradox table with pxlib, an implementation independent of
 * KonektoSync's reader and writer, and prints what it finds, so the tests can
 * compare it with what our writer was given.
 *
 *   pxdump <file.db>
 *
 * Output, one item per line, fields separated by tabs:
 *   table <name> <records> <fields> <code page>
 *   field <name> <type letter> <size>                 (one line per field)
 *   row <value> ...                                   (one line per record)
 * A value is "-" for null; alpha as hex of its raw bytes (the caller decodes
 * them in the code page); N and $ as %.17g; D as pxlib's day number; S, I as
 * integers; L as 0 or 1.
 *
 * Build: gcc pxdump.c -o pxdump $(pkg-config --cflags --libs pxlib)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <paradox.h>

static void on_error(pxdoc_t *p, int type, const char *msg, void *data) {
	(void) p; (void) data;
	fprintf(stderr, "pxlib error %d: %s\n", type, msg);
	if (type != PX_Warning) exit(2);
}

static const char *letter(int type) {
	switch (type) {
	case pxfAlpha: return "A";
	case pxfDate: return "D";
	case pxfShort: return "S";
	case pxfLong: return "I";
	case pxfCurrency: return "$";
	case pxfNumber: return "N";
	case pxfLogical: return "L";
	default: return "?";
	}
}

static void value(pxdoc_t *doc, pxfield_t *f, char *p) {
	char *text;
	double d;
	long l;
	short s;
	char b;
	int i, got;
	switch (f->px_ftype) {
	case pxfAlpha:
		got = PX_get_data_alpha(doc, p, f->px_flen, &text);
		if (got > 0) {
			for (i = 0; text[i] != '\0'; i++) printf("%02x", (unsigned char) text[i]);
			doc->free(doc, text);
		} else printf("-");
		break;
	case pxfNumber:
	case pxfCurrency:
		got = PX_get_data_double(doc, p, f->px_flen, &d);
		if (got > 0) printf("%.17g", d); else printf("-");
		break;
	case pxfDate:
	case pxfLong:
		/* pxlib 0.6.8 tests a long for null through a 'long int' pointer, which
		 * reads 8 bytes on 64-bit Linux (the next field's too): test the four
		 * bytes for zero here, pxlib's own null convention */
		if (p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0) { printf("-"); got = 0; break; }
		got = PX_get_data_long(doc, p, f->px_flen, &l);
		if (got > 0) printf("%ld", l); else printf("-");
		break;
	case pxfShort:
		got = PX_get_data_short(doc, p, f->px_flen, &s);
		if (got > 0) printf("%d", s); else printf("-");
		break;
	case pxfLogical:
		got = PX_get_data_byte(doc, p, f->px_flen, &b);
		if (got > 0) printf("%d", b ? 1 : 0); else printf("-");
		break;
	default:
		got = -1;
	}
	if (got < 0) {
		fprintf(stderr, "pxdump: field %s of type %d cannot be read\n", f->px_fname, f->px_ftype);
		exit(3);
	}
}

int main(int argc, char **argv) {
	pxdoc_t *doc;
	pxfield_t *fields;
	char *rec;
	float codepage = 0;
	int n, count, i, k, offset;
	if (argc != 2) {
		fprintf(stderr, "usage: pxdump <file.db>\n");
		return 1;
	}
	PX_boot();
	doc = PX_new2(on_error, NULL, NULL, NULL);
	if (!doc || PX_open_file(doc, argv[1]) < 0) {
		fprintf(stderr, "pxdump: cannot open %s\n", argv[1]);
		return 2;
	}
	n = PX_get_num_fields(doc);
	count = PX_get_num_records(doc);
	PX_get_value(doc, "codepage", &codepage);
	printf("table\t%s\t%d\t%d\t%d\n", doc->px_head->px_tablename, count, n, (int) codepage);
	fields = PX_get_fields(doc);
	for (k = 0; k < n; k++)
		printf("field\t%s\t%s\t%d\n", fields[k].px_fname, letter(fields[k].px_ftype), fields[k].px_flen);
	rec = malloc(PX_get_recordsize(doc));
	for (i = 0; i < count; i++) {
		if (PX_get_record(doc, i, rec) == NULL) {
			fprintf(stderr, "pxdump: record %d cannot be read\n", i);
			return 3;
		}
		printf("row");
		for (k = 0, offset = 0; k < n; k++) {
			printf("\t");
			value(doc, &fields[k], rec + offset);
			offset += fields[k].px_flen;
		}
		printf("\n");
	}
	free(rec);
	PX_close(doc);
	PX_delete(doc);
	PX_shutdown();
	return 0;
}

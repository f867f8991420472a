/*
 * pxgen: writes Paradox tables with pxlib, an implementation independent of
 * KonektoSync's reader, so the tests can compare what we read with what was
 * written.
 *
 *   pxgen types <file.db> <rows>        one column of every supported type;
 *                                       row i holds values computed from i
 *                                       (see ParadoxOracle.cs for the same
 *                                       formulas); every tenth row is null
 *   pxgen text <file.db> <codepage>     Polish text in code page 852 or 1250,
 *                                       with the code page stored at 0x6A
 *
 * Build: gcc pxgen.c -o pxgen $(pkg-config --cflags --libs pxlib)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <paradox.h>

static void fail(const char *what) {
	fprintf(stderr, "pxgen: %s\n", what);
	exit(1);
}

static void on_error(pxdoc_t *p, int type, const char *msg, void *data) {
	(void) p; (void) data;
	fprintf(stderr, "pxlib error %d: %s\n", type, msg);
	if (type != PX_Warning) exit(2);
}

static pxdoc_t *create(const char *path, pxfield_t *fields, int count) {
	pxdoc_t *doc = PX_new2(on_error, NULL, NULL, NULL);
	if (!doc) fail("PX_new2 failed");
	if (PX_create_file(doc, fields, count, path, pxfFileTypNonIndexDB) < 0)
		fail("PX_create_file failed");
	PX_set_parameter(doc, "tablename", "oracle");
	return doc;
}

/* pxlib always writes code page 1252; store the one the text is in. */
static void set_codepage(const char *path, int codepage) {
	FILE *f = fopen(path, "r+b");
	unsigned char le[2];
	if (!f) fail("cannot reopen file to set the code page");
	le[0] = (unsigned char) (codepage & 0xFF);
	le[1] = (unsigned char) ((codepage >> 8) & 0xFF);
	if (fseek(f, 0x6A, SEEK_SET) != 0 || fwrite(le, 1, 2, f) != 2)
		fail("cannot write the code page");
	fclose(f);
}

static pxfield_t field(const char *name, char type, int len, int dec) {
	pxfield_t f;
	f.px_fname = strdup(name);
	f.px_ftype = type;
	f.px_flen = len;
	f.px_fdc = dec;
	return f;
}

static long days(int year, int month, int day) {
	return PX_GregorianToSdn(year, month, day) - 1721425;
}

static void write_types(const char *path, int rows) {
	/* pxlib frees the field array and names on PX_close */
	pxfield_t *f = calloc(12, sizeof(pxfield_t));
	int n = 0, i, size = 0, k;
	char *rec;
	pxdoc_t *doc;
	f[n++] = field("Name", pxfAlpha, 20, 0);
	f[n++] = field("Small", pxfShort, 2, 0);
	f[n++] = field("Big", pxfLong, 4, 0);
	f[n++] = field("Ratio", pxfNumber, 8, 0);
	f[n++] = field("Amount", pxfCurrency, 8, 0);
	f[n++] = field("Day", pxfDate, 4, 0);
	f[n++] = field("Flag", pxfLogical, 1, 0);
	f[n++] = field("Stamp", pxfTimestamp, 8, 0);
	f[n++] = field("Id", pxfAutoInc, 4, 0);
	f[n++] = field("Clock", pxfTime, 4, 0);
	f[n++] = field("Exact", pxfBCD, 17, 2);
	f[n++] = field("Note", pxfMemoBLOb, 20, 0);
	for (k = 0; k < n; k++) size += f[k].px_flen;
	doc = create(path, f, n);
	rec = malloc(size);
	for (i = 0; i < rows; i++) {
		char text[32], bcd[40];
		char *p = rec;
		int isnull = (i % 10) == 9;
		long d = days(1990 + i % 40, 1 + i % 12, 1 + i % 28);
		long ms = (long) (i % 86400) * 1000L + i % 1000;
		memset(rec, 0, size);
		snprintf(text, sizeof text, "row %06d", i);
		PX_put_data_alpha(doc, p, 20, text); p += 20;
		PX_put_data_short(doc, p, isnull ? 0 : 2, (short) ((i % 2 ? -1 : 1) * (i % 32000))); p += 2;
		PX_put_data_long(doc, p, isnull ? 0 : 4, i * 7919 - 1000000); p += 4;
		PX_put_data_double(doc, p, isnull ? 0 : 8, i * 1.25 - 500.5); p += 8;
		PX_put_data_double(doc, p, isnull ? 0 : 8, (i % 100000) / 100.0 - 10.0); p += 8;
		PX_put_data_long(doc, p, isnull ? 0 : 4, d); p += 4;
		PX_put_data_byte(doc, p, isnull ? 0 : 1, (char) (i % 2)); p += 1;
		PX_put_data_double(doc, p, isnull ? 0 : 8, (double) d * 86400000.0 + ms); p += 8;
		PX_put_data_long(doc, p, 4, i + 1); p += 4;
		PX_put_data_long(doc, p, isnull ? 0 : 4, ms); p += 4;
		snprintf(bcd, sizeof bcd, "%s%d.%02d", i % 3 == 1 ? "-" : "", i, i % 100);
		PX_put_data_bcd(doc, p, 2, isnull ? NULL : bcd); p += 17;
		PX_put_data_blob(doc, p, 20, "memo", 4); p += 20;
		if (PX_put_record(doc, rec) < 0) fail("PX_put_record failed");
	}
	free(rec);
	PX_close(doc);
	PX_delete(doc);
}

static void write_text(const char *path, int codepage) {
	/* "Łódź", "Zażółć gęślą jaźń", "ĄĆĘŁŃÓŚŹŻ" as bytes of the code page */
	static const char *cp852[] = {
		"\x9D\xA2\x64\xAB",
		"Za\xBE\xA2\x88\x86 g\xA9\x98l\xA5 ja\xAB\xE4",
		"\xA4\x8F\xA8\x9D\xE3\xE0\x97\x8D\xBD" };
	static const char *cp1250[] = {
		"\xA3\xF3\x64\x9F",
		"Za\xBF\xF3\xB3\xE6 g\xEA\x9Cl\xB9 ja\x9F\xF1",
		"\xA5\xC6\xCA\xA3\xD1\xD3\x8C\x8F\xAF" };
	const char **words = codepage == 852 ? cp852 : cp1250;
	pxfield_t *f = calloc(2, sizeof(pxfield_t));
	char rec[42];
	int i;
	pxdoc_t *doc;
	if (codepage != 852 && codepage != 1250) fail("code page must be 852 or 1250");
	f[0] = field("Miasto", pxfAlpha, 40, 0);
	f[1] = field("Nr", pxfShort, 2, 0);
	doc = create(path, f, 2);
	for (i = 0; i < 3; i++) {
		memset(rec, 0, sizeof rec);
		PX_put_data_alpha(doc, rec, 40, (char *) words[i]);
		PX_put_data_short(doc, rec + 40, 2, (short) (i + 1));
		if (PX_put_record(doc, rec) < 0) fail("PX_put_record failed");
	}
	PX_close(doc);
	PX_delete(doc);
	set_codepage(path, codepage);
}

int main(int argc, char **argv) {
	PX_boot();
	if (argc == 4 && strcmp(argv[1], "types") == 0)
		write_types(argv[2], atoi(argv[3]));
	else if (argc == 4 && strcmp(argv[1], "text") == 0)
		write_text(argv[2], atoi(argv[3]));
	else
		fail("usage: pxgen types <file.db> <rows> | pxgen text <file.db> <codepage>");
	PX_shutdown();
	return 0;
}

/*
 * _winnow.c - the Python module over winnow.h: winnow.extract(),
 * winnow.Extractor and winnow.Error.
 *
 * An Extractor owns one wn_options and, when rules were given, one
 * wn_rules; both are built in __init__ and only read afterwards, so any
 * number of threads may call extract() on one Extractor.  Each call
 * takes a wn_doc from the Extractor's pool (or makes one), loads and
 * renders the page with the GIL released, and gives the doc back: the
 * pool is only touched with the GIL held, so it needs no lock of its own,
 * and a doc is used by one thread at a time, as winnow(3) requires.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdlib.h>
#include <string.h>

#include <winnow.h>

/* Docs an Extractor keeps for reuse between calls; more threads than this
 * make and free docs of their own. */
enum { POOL_MAX = 8 };

static PyObject *winnow_error; /* winnow.Error */
static PyObject *json_loads;   /* json.loads */

/* The names of wn_status, as winnow.h spells them, by value. */
static const char *const status_names[] = {
    "WN_OK",           "WN_ERR_NOMEM", "WN_ERR_TOO_LARGE", "WN_ERR_GZIP",
    "WN_ERR_NOT_TEXT", "WN_ERR_ENCODING", "WN_ERR_PARSE", "WN_ERR_ARG",
    "WN_ERR_TIME",     "WN_ERR_BUDGET",
};
enum { NSTATUS = sizeof status_names / sizeof status_names[0] };

static const char *status_name(wn_status st)
{
	return (unsigned)st < NSTATUS ? status_names[st] : "WN_ERR_UNKNOWN";
}

/* Raises winnow.Error(message) with .status, .name and .message set;
 * message NULL or "" takes wn_status_str().  Returns NULL. */
static PyObject *raise_status(wn_status st, const char *message)
{
	if (st == WN_ERR_NOMEM)
		return PyErr_NoMemory();
	if (message == NULL || *message == '\0')
		message = wn_status_str(st);
	PyObject *msg = PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace");
	if (msg == NULL)
		return NULL;
	PyObject *exc = PyObject_CallOneArg(winnow_error, msg);
	if (exc == NULL) {
		Py_DECREF(msg);
		return NULL;
	}
	PyObject *status = PyLong_FromLong((long)st);
	PyObject *name = PyUnicode_FromString(status_name(st));
	if (status == NULL || name == NULL || PyObject_SetAttrString(exc, "status", status) != 0 ||
	    PyObject_SetAttrString(exc, "name", name) != 0 ||
	    PyObject_SetAttrString(exc, "message", msg) != 0) {
		Py_XDECREF(status);
		Py_XDECREF(name);
		Py_DECREF(msg);
		Py_DECREF(exc);
		return NULL;
	}
	Py_DECREF(status);
	Py_DECREF(name);
	Py_DECREF(msg);
	PyErr_SetObject(winnow_error, exc);
	Py_DECREF(exc);
	return NULL;
}

/* An optional str argument as UTF-8 owned by the object: *out is NULL for
 * None.  -1 with TypeError for anything else. */
static int opt_utf8(PyObject *obj, const char *what, const char **out)
{
	*out = NULL;
	if (obj == NULL || obj == Py_None)
		return 0;
	if (!PyUnicode_Check(obj)) {
		PyErr_Format(PyExc_TypeError, "%s must be str or None, not %.80s", what,
		             Py_TYPE(obj)->tp_name);
		return -1;
	}
	Py_ssize_t len;
	*out = PyUnicode_AsUTF8AndSize(obj, &len);
	if (*out == NULL)
		return -1;
	if (strlen(*out) != (size_t)len) {
		*out = NULL;
		PyErr_Format(PyExc_ValueError, "%s contains a NUL character", what);
		return -1;
	}
	return 0;
}

/* Picks name among names[] (NULL-terminated): its index, or -1 with
 * ValueError. */
static int pick(const char *what, const char *name, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	PyErr_Format(PyExc_ValueError, "%s: unknown value '%s'", what, name);
	return -1;
}

typedef struct {
	PyObject_HEAD
	wn_options *opts;
	wn_rules *rules;   /* owned; NULL: the built-in rules */
	wn_format format;
	unsigned flags;    /* wn_doc_render flags */
	int as_dict;       /* format "json": parse the object into a dict */
	wn_doc *pool[POOL_MAX];
	int npool;
} Extractor;

static void Extractor_dealloc(Extractor *self)
{
	for (int i = 0; i < self->npool; i++)
		wn_doc_free(self->pool[i]);
	self->npool = 0;
	wn_options_free(self->opts);
	wn_rules_free(self->rules);
	Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Each item of obj (one item or an iterable of them) to fn: a str or
 * os.PathLike path for files, a str for text. */
static int for_each_item(PyObject *obj, int paths, int (*fn)(Extractor *, PyObject *),
                         Extractor *self)
{
	if (obj == NULL || obj == Py_None)
		return 0;
	if (PyUnicode_Check(obj) || PyBytes_Check(obj) || (paths && PyObject_HasAttrString(obj, "__fspath__")))
		return fn(self, obj);
	PyObject *it = PyObject_GetIter(obj);
	if (it == NULL)
		return -1;
	PyObject *item;
	while ((item = PyIter_Next(it)) != NULL) {
		int rc = fn(self, item);
		Py_DECREF(item);
		if (rc != 0) {
			Py_DECREF(it);
			return -1;
		}
	}
	Py_DECREF(it);
	return PyErr_Occurred() ? -1 : 0;
}

static int add_rules_file(Extractor *self, PyObject *path)
{
	PyObject *bytes = NULL;
	if (!PyUnicode_FSConverter(path, &bytes))
		return -1;
	char err[512] = "";
	wn_status st = wn_rules_add_file(self->rules, PyBytes_AS_STRING(bytes), err, sizeof err);
	Py_DECREF(bytes);
	if (st != WN_OK) {
		raise_status(st, err);
		return -1;
	}
	return 0;
}

static int add_rules_text(Extractor *self, PyObject *text)
{
	Py_ssize_t len;
	const char *s;
	if (!PyUnicode_Check(text)) {
		PyErr_Format(PyExc_TypeError, "rules_text items must be str, not %.80s",
		             Py_TYPE(text)->tp_name);
		return -1;
	}
	s = PyUnicode_AsUTF8AndSize(text, &len);
	if (s == NULL)
		return -1;
	char err[512] = "";
	wn_status st = wn_rules_add_text(self->rules, s, (size_t)len, "<rules_text>", err, sizeof err);
	if (st != WN_OK) {
		raise_status(st, err);
		return -1;
	}
	return 0;
}

/* options={"short_words": 8, ...}: each through wn_options_set. */
static int set_numeric_options(wn_options *opts, PyObject *dict)
{
	if (dict == NULL || dict == Py_None)
		return 0;
	if (!PyDict_Check(dict)) {
		PyErr_SetString(PyExc_TypeError, "options must be a dict of option names to numbers");
		return -1;
	}
	PyObject *key, *value;
	Py_ssize_t pos = 0;
	while (PyDict_Next(dict, &pos, &key, &value)) {
		if (!PyUnicode_Check(key)) {
			PyErr_SetString(PyExc_TypeError, "options: names must be str");
			return -1;
		}
		const char *name = PyUnicode_AsUTF8(key);
		if (name == NULL)
			return -1;
		if (PyBool_Check(value) || !PyNumber_Check(value)) {
			PyErr_Format(PyExc_TypeError, "options: %s must be a number", name);
			return -1;
		}
		double v = PyFloat_AsDouble(value);
		if (v == -1.0 && PyErr_Occurred())
			return -1;
		wn_status st = wn_options_set(opts, name, v);
		if (st != WN_OK) {
			char msg[256];
			snprintf(msg, sizeof msg, "options: %s: no such option, or %g is out of its range",
			         name, v);
			raise_status(st, msg);
			return -1;
		}
	}
	return 0;
}

static const char *const format_names[] = {"text", "markdown", "json", "jsonl", "explain", NULL};
static const char *const input_names[] = {"auto", "html", "text", NULL};
static const char *const favor_names[] = {"balanced", "precision", "recall", NULL};

static int Extractor_init(Extractor *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"format", "input", "favor", "rules", "rules_text",
	                         "default_rules", "languages", "encoding", "url", "options",
	                         "title", "links", "images", "with_markdown", "blocks", NULL};
	const char *format = "text", *input = "auto", *favor = NULL;
	PyObject *rules = NULL, *rules_text = NULL, *languages = NULL, *encoding = NULL,
	         *url = NULL, *options = NULL;
	int default_rules = 1, title = 0, links = 0, images = 0, with_markdown = 0, blocks = 0;
	if (!PyArg_ParseTupleAndKeywords(args, kwds, "|$sszOOpOOOOppppp", kwlist, &format, &input,
	                                 &favor, &rules, &rules_text, &default_rules, &languages,
	                                 &encoding, &url, &options, &title, &links, &images,
	                                 &with_markdown, &blocks))
		return -1;
	int f = pick("format", format, format_names);
	int in = f < 0 ? -1 : pick("input", input, input_names);
	int fav = in < 0 ? -1 : favor ? pick("favor", favor, favor_names) : 0;
	if (fav < 0)
		return -1;
	int markdown = f == WN_FORMAT_MARKDOWN;
	int json = f == WN_FORMAT_JSON || f == WN_FORMAT_JSONL;
	/* As the command: an option that would do nothing is an error. */
	const char *useless = (links || images) && !markdown && !(json && with_markdown)
	                          ? "links and images need format='markdown' or with_markdown"
	                      : with_markdown && !json ? "with_markdown needs format='json' or 'jsonl'"
	                      : blocks && !json        ? "blocks needs format='json' or 'jsonl'"
	                      : title && !(markdown || f == WN_FORMAT_TEXT)
	                          ? "title needs format='text' or 'markdown'"
	                          : NULL;
	if (useless) {
		PyErr_SetString(PyExc_ValueError, useless);
		return -1;
	}
	const char *lang, *enc, *u;
	if (opt_utf8(languages, "languages", &lang) != 0 || opt_utf8(encoding, "encoding", &enc) != 0 ||
	    opt_utf8(url, "url", &u) != 0)
		return -1;

	/* Another thread may be reading a page with these options and rules:
	 * they are never changed nor freed while the Extractor lives. */
	if (self->opts != NULL) {
		PyErr_SetString(PyExc_RuntimeError, "an Extractor is initialised once");
		return -1;
	}
	wn_options *opts = wn_options_new();
	if (opts == NULL) {
		PyErr_NoMemory();
		return -1;
	}
	self->opts = opts;
	wn_status st = WN_OK;
	/* favor first: it resets the thresholds that options= may set */
	if (fav != WN_FAVOR_BALANCED)
		st = wn_options_favor(opts, (wn_favor)fav);
	if (st == WN_OK)
		st = wn_options_set_input(opts, (wn_input)in);
	if (st == WN_OK && lang && (st = wn_options_set_languages(opts, lang)) != WN_OK) {
		char msg[256];
		snprintf(msg, sizeof msg, "languages: '%.200s' is not a list of language tags", lang);
		raise_status(st, msg);
		goto fail;
	}
	if (st == WN_OK && enc)
		st = wn_options_set_encoding(opts, enc);
	if (st == WN_OK && u)
		st = wn_options_set_url(opts, u);
	if (st == WN_OK && (markdown || (json && with_markdown)))
		st = wn_options_set_markdown(opts, WN_MD_ON | (links ? WN_MD_LINKS : 0u) |
		                                       (images ? WN_MD_IMAGES : 0u));
	if (st != WN_OK) {
		raise_status(st, NULL);
		goto fail;
	}
	if (set_numeric_options(opts, options) != 0)
		goto fail;
	if (!default_rules || (rules && rules != Py_None) || (rules_text && rules_text != Py_None)) {
		self->rules = wn_rules_new();
		if (self->rules == NULL) {
			PyErr_NoMemory();
			goto fail;
		}
		if (default_rules && (st = wn_rules_add_default(self->rules)) != WN_OK) {
			raise_status(st, NULL);
			goto fail;
		}
		if (for_each_item(rules, 1, add_rules_file, self) != 0 ||
		    for_each_item(rules_text, 0, add_rules_text, self) != 0)
			goto fail;
		wn_options_set_rules(opts, self->rules);
	}
	self->format = (wn_format)f;
	self->flags = (title ? WN_RENDER_TITLE : 0u) | (with_markdown ? WN_RENDER_MARKDOWN : 0u) |
	              (blocks ? WN_RENDER_BLOCKS : 0u);
	/* json gives a dict: rendered on one line, which parses the same */
	self->as_dict = f == WN_FORMAT_JSON;
	if (self->as_dict)
		self->format = WN_FORMAT_JSONL;
	return 0;
fail:
	/* no half-made Extractor: extract() then says __init__ failed */
	wn_options_free(self->opts);
	self->opts = NULL;
	wn_rules_free(self->rules);
	self->rules = NULL;
	return -1;
}

/* The page: a bytes-like object as it is, or a str as UTF-8 (which then
 * forces the encoding).  Fills view; *is_str tells which. */
static int get_page(PyObject *html, Py_buffer *view, int *is_str)
{
	*is_str = PyUnicode_Check(html);
	if (*is_str) {
		Py_ssize_t len;
		const char *s = PyUnicode_AsUTF8AndSize(html, &len);
		if (s == NULL)
			return -1;
		return PyBuffer_FillInfo(view, html, (void *)s, len, 1, PyBUF_SIMPLE);
	}
	if (!PyObject_CheckBuffer(html)) {
		PyErr_Format(PyExc_TypeError, "html must be bytes or str, not %.80s",
		             Py_TYPE(html)->tp_name);
		return -1;
	}
	return PyObject_GetBuffer(html, view, PyBUF_SIMPLE);
}

/* The rendered page as the Python value the format gives. */
static PyObject *result(const Extractor *self, const char *out, size_t len)
{
	PyObject *s = PyUnicode_DecodeUTF8(out, (Py_ssize_t)len, "strict");
	if (s == NULL || !self->as_dict)
		return s;
	PyObject *d = PyObject_CallOneArg(json_loads, s);
	Py_DECREF(s);
	return d;
}

static PyObject *extract_page(Extractor *self, PyObject *html, PyObject *url_obj,
                              PyObject *encoding_obj, PyObject *charset_obj, PyObject *date_obj)
{
	if (self->opts == NULL) {
		PyErr_SetString(PyExc_RuntimeError, "the Extractor was not initialised");
		return NULL;
	}
	const char *url, *encoding, *charset, *date;
	if (opt_utf8(url_obj, "url", &url) != 0 || opt_utf8(encoding_obj, "encoding", &encoding) != 0 ||
	    opt_utf8(charset_obj, "http_charset", &charset) != 0 ||
	    opt_utf8(date_obj, "fetch_date", &date) != 0)
		return NULL;
	Py_buffer view;
	int is_str;
	if (get_page(html, &view, &is_str) != 0)
		return NULL;
	if (is_str && encoding) {
		PyBuffer_Release(&view);
		PyErr_SetString(PyExc_ValueError, "encoding applies to bytes; a str is read as UTF-8");
		return NULL;
	}
	wn_doc *doc = self->npool > 0 ? self->pool[--self->npool] : wn_doc_new(self->opts);
	if (doc == NULL) {
		PyBuffer_Release(&view);
		return PyErr_NoMemory();
	}
	wn_doc_set_url(doc, url);
	wn_doc_set_encoding(doc, is_str ? "UTF-8" : encoding);
	wn_doc_set_http_charset(doc, charset);
	wn_doc_set_fetch_date(doc, date);
	char *out = NULL;
	size_t len = 0;
	wn_status st;
	Py_BEGIN_ALLOW_THREADS
	st = wn_doc_load(doc, view.buf, (size_t)view.len);
	if (st == WN_OK)
		st = wn_doc_render(doc, self->format, self->flags, &out, &len);
	Py_END_ALLOW_THREADS
	PyBuffer_Release(&view);
	PyObject *ret = st == WN_OK ? result(self, out, len) : raise_status(st, wn_doc_errmsg(doc));
	free(out);
	/* The strings set above belong to the caller's objects: unset them. */
	wn_doc_set_url(doc, NULL);
	wn_doc_set_encoding(doc, NULL);
	wn_doc_set_http_charset(doc, NULL);
	wn_doc_set_fetch_date(doc, NULL);
	if (self->npool < POOL_MAX)
		self->pool[self->npool++] = doc;
	else
		wn_doc_free(doc);
	return ret;
}

static PyObject *Extractor_extract(Extractor *self, PyObject *args, PyObject *kwds)
{
	static char *kwlist[] = {"html", "url", "encoding", "http_charset", "fetch_date", NULL};
	PyObject *html, *url = NULL, *encoding = NULL, *charset = NULL, *date = NULL;
	if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$OOOO", kwlist, &html, &url, &encoding,
	                                 &charset, &date))
		return NULL;
	return extract_page(self, html, url, encoding, charset, date);
}

static PyObject *Extractor_get_format(Extractor *self, void *closure)
{
	(void)closure;
	return PyUnicode_FromString(self->as_dict ? "json" : format_names[self->format]);
}

static PyMethodDef Extractor_methods[] = {
    {"extract", (PyCFunction)(void (*)(void))Extractor_extract, METH_VARARGS | METH_KEYWORDS,
     "extract(html, *, url=None, encoding=None, http_charset=None, fetch_date=None)\n--\n\n"
     "The article of one page, in the Extractor's format: str, or dict for\n"
     "format='json'.  Raises winnow.Error when the page cannot be read.  The\n"
     "GIL is released while the page is read; one Extractor may be used by\n"
     "any number of threads at once."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Extractor_getset[] = {
    {"format", (getter)Extractor_get_format, NULL, "the output format", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject ExtractorType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "winnow.Extractor",
    .tp_basicsize = sizeof(Extractor),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Extractor(*, format='text', input='auto', favor=None, rules=None,\n"
              "          rules_text=None, default_rules=True, languages=None,\n"
              "          encoding=None, url=None, options=None, title=False,\n"
              "          links=False, images=False, with_markdown=False, blocks=False)\n"
              "--\n\n"
              "Options and rules built once, for many pages: call .extract(html).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Extractor_init,
    .tp_dealloc = (destructor)Extractor_dealloc,
    .tp_methods = Extractor_methods,
    .tp_getset = Extractor_getset,
};

/* winnow.extract(html, **kw): an Extractor for one page. */
static PyObject *winnow_extract(PyObject *module, PyObject *args, PyObject *kwds)
{
	(void)module;
	static const char *const per_page[] = {"encoding", "http_charset", "fetch_date"};
	PyObject *html;
	if (!PyArg_ParseTuple(args, "O:extract", &html))
		return NULL;
	/* The keywords of a page go to extract(), the others to Extractor(). */
	PyObject *init_kw = kwds ? PyDict_Copy(kwds) : PyDict_New();
	if (init_kw == NULL)
		return NULL;
	PyObject *page_kw[3] = {NULL, NULL, NULL};
	for (int i = 0; i < 3; i++) {
		PyObject *v = PyDict_GetItemString(init_kw, per_page[i]);
		if (v == NULL)
			continue;
		page_kw[i] = Py_NewRef(v);
		if (PyDict_DelItemString(init_kw, per_page[i]) != 0)
			goto fail;
	}
	PyObject *empty = PyTuple_New(0);
	if (empty == NULL)
		goto fail;
	Extractor *ex = (Extractor *)PyObject_Call((PyObject *)&ExtractorType, empty, init_kw);
	Py_DECREF(empty);
	if (ex == NULL)
		goto fail;
	/* url went to the options; the encoding, per page, checks str input */
	PyObject *ret = extract_page(ex, html, NULL, page_kw[0], page_kw[1], page_kw[2]);
	Py_DECREF(ex);
	Py_DECREF(init_kw);
	for (int i = 0; i < 3; i++)
		Py_XDECREF(page_kw[i]);
	return ret;
fail:
	Py_DECREF(init_kw);
	for (int i = 0; i < 3; i++)
		Py_XDECREF(page_kw[i]);
	return NULL;
}

static PyObject *winnow_option_names(PyObject *module, PyObject *unused)
{
	(void)module;
	(void)unused;
	PyObject *list = PyList_New(0);
	if (list == NULL)
		return NULL;
	const char *name;
	for (size_t i = 0; (name = wn_options_name(i)) != NULL; i++) {
		PyObject *s = PyUnicode_FromString(name);
		if (s == NULL || PyList_Append(list, s) != 0) {
			Py_XDECREF(s);
			Py_DECREF(list);
			return NULL;
		}
		Py_DECREF(s);
	}
	return list;
}

static PyObject *winnow_option_default(PyObject *module, PyObject *arg)
{
	(void)module;
	const char *name = PyUnicode_Check(arg) ? PyUnicode_AsUTF8(arg) : NULL;
	if (name == NULL) {
		if (!PyErr_Occurred())
			PyErr_SetString(PyExc_TypeError, "option_default: the name must be str");
		return NULL;
	}
	wn_options *opts = wn_options_new();
	if (opts == NULL)
		return PyErr_NoMemory();
	double v;
	wn_status st = wn_options_get(opts, name, &v);
	wn_options_free(opts);
	if (st != WN_OK) {
		PyErr_Format(PyExc_KeyError, "%s", name);
		return NULL;
	}
	return PyFloat_FromDouble(v);
}

static PyMethodDef winnow_methods[] = {
    {"extract", (PyCFunction)(void (*)(void))winnow_extract, METH_VARARGS | METH_KEYWORDS,
     "extract(html, *, format='text', url=None, input='auto', favor=None, rules=None,\n"
     "        rules_text=None, default_rules=True, languages=None, encoding=None,\n"
     "        http_charset=None, fetch_date=None, options=None, title=False,\n"
     "        links=False, images=False, with_markdown=False, blocks=False)\n--\n\n"
     "The article of one page: str, or dict for format='json'.  For many\n"
     "pages, make one winnow.Extractor and call its extract()."},
    {"option_names", winnow_option_names, METH_NOARGS,
     "option_names()\n--\n\nThe names of the numeric options that options= takes."},
    {"option_default", winnow_option_default, METH_O,
     "option_default(name)\n--\n\nThe default value of a numeric option (KeyError for no option)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef winnow_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "winnow._winnow",
    .m_doc = "Extract the article text and metadata from web pages (winnow(3)).",
    .m_size = -1,
    .m_methods = winnow_methods,
};

PyMODINIT_FUNC PyInit__winnow(void)
{
	PyObject *m = NULL, *json = NULL;
	if (PyType_Ready(&ExtractorType) < 0)
		return NULL;
	json = PyImport_ImportModule("json");
	if (json == NULL)
		return NULL;
	Py_XSETREF(json_loads, PyObject_GetAttrString(json, "loads"));
	Py_DECREF(json);
	if (json_loads == NULL)
		return NULL;
	if (winnow_error == NULL) {
		winnow_error = PyErr_NewExceptionWithDoc(
		    "winnow.Error",
		    "A page or an option winnow could not use: .status is the wn_status\n"
		    "value, .name its name (\"WN_ERR_NOT_TEXT\"), .message the reason.",
		    NULL, NULL);
		if (winnow_error == NULL)
			return NULL;
	}
	m = PyModule_Create(&winnow_module);
	if (m == NULL)
		return NULL;
	if (PyModule_AddObjectRef(m, "Error", winnow_error) < 0 ||
	    PyModule_AddObjectRef(m, "Extractor", (PyObject *)&ExtractorType) < 0 ||
	    PyModule_AddStringConstant(m, "WN_VERSION", WN_VERSION) < 0)
		goto fail;
	for (int i = 0; i < NSTATUS; i++)
		if (PyModule_AddIntConstant(m, status_names[i], i) < 0)
			goto fail;
	return m;
fail:
	Py_DECREF(m);
	return NULL;
}

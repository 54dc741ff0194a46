/*
 * notice_words.c - the words notices are made of.
 *
 * A cookie dialog, a broker's risk warning, a newsletter pitch or a
 * comment form is written in a handful of words whatever its wording:
 * "cookies", "consent", "partners", "settings"; "CFDs", "leverage",
 * "retail investor", "lose"; "newsletter", "inbox", "subscribe".  The
 * rules know many wordings word for word; a notice in a wording they do
 * not know still has three or more of its kind's words close together
 * ("Wij en onze partners plaatsen cookies ... advertenties ... instellingen").
 * The stems below, written for this project, are data: a word counts when
 * it starts with a stem of four bytes or more (the start of "cookies",
 * "Einstellungen", "consentimiento"), or is a shorter stem ("cfd")
 * itself; compounds count by their first part only.  One table of every
 * language the rules cover and of pl cs sv da fi tr, by kind.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "page.h"

struct stem_list {
	enum wn_notice kind;
	const char *stems; /* separated by spaces */
};

static const struct stem_list stem_lists[] = {
    /* "Sign up for our weekly newsletter and get the best stories in your
     * inbox"; "Melden Sie sich für unseren Newsletter an"; "Suscríbase a
     * nuestro boletín y reciba cada semana en su correo ..."; "delivered
     * free every weekday" */
    {WN_NOTICE_NEWSLETTER,
     "newsletter nieuwsbrie nyhetsbrev nyhedsbrev uutiskirje bülten boletín "
     "subscri suscri abonn assin inscre inscri iscriv iscrizi zapisz subskryb odebír "
     "přihlas prenumer tilmeld tilaa abone "
     "inbox posteingang postfach boîte bandeja casella caixa skrzynk schránk inkorg "
     "indbakke postilaat "
     "email mail courriel correo posta sähköpost "
     "unsubscri désinscri désabonn abmeld afmeld baja disiscri cancelar wypisa odhlás "
     "avregistr afmelde peruu "
     "weekly daily wöchentlich täglich hebdomadaire quotidien semanal diario settimanal "
     "giornalier spam briefing verpassen "
     /* when it comes: "free every weekday at 6am", "an jedem Werktag" */
     "weekday werktag werktäg feriale laborable werkdag roboczy úteis vardag hverdag "
     "arkipäiv"},
    /* "We and our partners use cookies to personalise ads and measure
     * traffic; accept or reject them in the settings"; "Wir und unsere
     * Partner verwenden Cookies ... Einstellungen ... akzeptieren" */
    {WN_NOTICE_COOKIE,
     "cookie consent einwillig zustimm consentement consentimiento consenso consentimento "
     "toestemming zgod souhlas samtycke samtykke suostumu onay "
     "privacy datenschutz confidentialité privacidad privatsphäre prywatno soukrom "
     "integritet privatliv yksityisyy gizlilik "
     "partner partenaire socios parceiros "
     "personali personnali persoonlijk spersonaliz přizpůsob anpassa tilpasse mukaute "
     "kişisel "
     "advertis werbung anzeigen publicit reklam annonc mainont "
     "setting einstellung paramètre configura impostazion definições instellingen "
     "ustawie nastavení inställning indstilling asetuks ayarlar "
     "accept akzeptier aceptar accetta aceitar accepteer akceptu přijmout hyväksy kabul "
     "reject ablehn refuser rechaz rifiut rejeitar weiger odrzu odmítn avvisa afvis "
     "hylkää reddet "
     "analyt tracking traffic trafic tráfego tráfico traffico verkehr ruch provoz trafik "
     "liikentee "
     "preferen präferenz voorkeur "
     "device gerät appareil dispositiv apparaat urządze zařízení enhet enhed laite cihaz "
     "purpose zweck finalité finalidad finalità finalidade doeleind účel ändamål formål "
     "tarkoitu amaç "
     "navega navigat browsing surfverhalten "
     "evästei çerez kakor kakinst samarbejdspartner samarbetspartner kumppani godkänn "
     "samtyck"},
    /* "CFDs are complex instruments and come with a high risk of losing
     * money rapidly due to leverage. 74% of retail investor accounts
     * lose money ..."; "Bei 71 % der Konten von Kleinanlegern ..." */
    {WN_NOTICE_RISK,
     "cfds cfd leverage hebelwirkung levier apalancamiento leva alavancagem hefboom "
     "dźwigni pákov hävstång gearing vipuvaikutu kaldıraç "
     "retail kleinanleger particulier minoristas dettaglio retalho particuliere "
     "detalicz retailov detailkunde yksityissijoitta bireysel "
     "investor anleger investisseur inversor investitor investidor belegger inwestor "
     "investerare sijoittaj yatırımcı "
     "lose verlier perdre perder perdere verliez strac ztrat förlora tabe menettää "
     "kaybet "
     "capital kapital money geld argent dinero denaro dinheiro pieniąd peníze pengar "
     "penge rahaa "
     "risk risiko risque riesgo rischio risco risico ryzyk riziko riski "
     "margin forex devisen"},
    /* "Your email address will not be published. Required fields are
     * marked *"; "Deine E-Mail-Adresse wird nicht veröffentlicht.";
     * "Comments are moderated and may take a while to appear." */
    {WN_NOTICE_COMMENT,
     "comment kommentar commentaire comentario commento comentário reactie komentar "
     "kommentti yorum "
     "required erforderlich obligatoire obligatorio obbligatori obrigatório verplicht "
     "wymagan povinn obligatorisk pakollis zorunlu "
     "publish veröffentlich publié publica pubblicat verschijnen opublikow zveřejn "
     "publicera offentliggør julkais yayımlan "
     "field felder champs campos campi velden pola pole fält felter kentät alanlar "
     "website webseite sitio sito webbplats hjemmeside verkkosivu "
     "reply antwort répondre responder rispondi reageer odpowiedz odpověď svara besvar "
     "vastaa yanıtla "
     /* "Comments are moderated", "Kommentare werden moderiert" */
     "moderat moderier modér gemodere moderow moderov modere"},
};

/* Words of the first person singular: a newsletter pitch speaks for the
 * site ("our", "we") to the reader ("you"); a blogger who writes of "my
 * free newsletter" is writing the post.  Not French "je", which is Dutch
 * for "you" ("De verhalen die je moet kennen"). */
static const char *const first_person =
    "i im ive my me mine ich mein meine meinen meinem meiner mon ma mes moi "
    "yo mi mis io mio mia miei eu meu minha ik mijn";

/* The shortest stem matched as a prefix; shorter ones match whole words. */
#define PREFIX_BYTES 4
/* The longest prefix of a word looked up, bytes. */
#define LONGEST_STEM 24
#define SLOTS 2048 /* a power of two, well over twice the stems */

struct slot {
	uint64_t key;  /* wn_text_key of the stem, | 1; 0: empty */
	uint16_t stem; /* 1 + its number, to count distinct stems */
	unsigned char kind;
	unsigned char whole; /* matches a whole word only */
};

static struct slot table[SLOTS];
/* The first PREFIX_BYTES bytes of every stem that long, hashed (their
 * wn_text_key, FILTER_BITS bits of it): a word whose first bytes are
 * none of them holds no stem but a whole short one.  Most words are
 * passed over here, before a look-up of each of their prefixes. */
#define FILTER_BITS 16
static uint8_t prefix_filter[(1u << FILTER_BITS) / 8];
/* The first two bytes of every stem, lower case: most words start
 * otherwise and are passed over at once. */
static uint8_t starts[65536 / 8];
static uint64_t first_person_keys[64]; /* wn_text_key | 1 of each */
static size_t nfirst_person;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static unsigned pair_of(const char *s)
{
	unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];
	a |= (a >= 'A' && a <= 'Z') ? 0x20 : 0;
	b |= (b >= 'A' && b <= 'Z') ? 0x20 : 0;
	return (unsigned)a << 8 | b;
}

static unsigned filter_bit(uint64_t key)
{
	return (unsigned)(key >> 20) & ((1u << FILTER_BITS) - 1);
}

static void build_table(void)
{
	size_t fl = strlen(first_person);
	for (size_t i = 0, start; nfirst_person < 64 && wn_next_word(first_person, fl, &i, &start);)
		first_person_keys[nfirst_person++] = wn_text_key(first_person + start, i - start) | 1;
	uint16_t n = 0;
	for (size_t k = 0; k < sizeof stem_lists / sizeof stem_lists[0]; k++) {
		const char *s = stem_lists[k].stems;
		for (size_t i = 0, start; wn_next_word(s, strlen(s), &i, &start);) {
			unsigned pair = pair_of(s + start);
			starts[pair >> 3] |= (uint8_t)(1u << (pair & 7));
			uint64_t key = wn_text_key(s + start, i - start) | 1;
			if (i - start >= PREFIX_BYTES) {
				unsigned f = filter_bit(wn_text_key(s + start, PREFIX_BYTES) | 1);
				prefix_filter[f >> 3] |= (uint8_t)(1u << (f & 7));
			}
			size_t at = (size_t)(key >> 7) & (SLOTS - 1);
			while (table[at].key != 0 && table[at].key != key)
				at = (at + 1) & (SLOTS - 1);
			if (table[at].key == key)
				continue; /* a stem of two kinds counts for the first */
			table[at] = (struct slot){key, ++n, (unsigned char)stem_lists[k].kind,
			                          i - start < PREFIX_BYTES};
		}
	}
}

static const struct slot *find(uint64_t key)
{
	for (size_t at = (size_t)(key >> 7) & (SLOTS - 1);; at = (at + 1) & (SLOTS - 1)) {
		if (table[at].key == key)
			return &table[at];
		if (table[at].key == 0)
			return NULL;
	}
}

/* The length of the quotation mark at text[k] (before end), 0 when
 * there is none; *opens says whether it opens (1), closes (0) or turns
 * quoting over (-1, '"'). */
static size_t quote_mark(const char *text, size_t k, size_t end, int *opens)
{
	const unsigned char *u = (const unsigned char *)text;
	if (u[k] == '"') {
		*opens = -1;
		return 1;
	}
	if (u[k] == 0xC2 && k + 1 < end && (u[k + 1] == 0xAB || u[k + 1] == 0xBB)) {
		*opens = u[k + 1] == 0xAB; /* « » */
		return 2;
	}
	if (u[k] == 0xE2 && k + 2 < end && u[k + 1] == 0x80 &&
	    (u[k + 2] == 0x9C || u[k + 2] == 0x9E || u[k + 2] == 0x9D)) {
		*opens = u[k + 2] != 0x9D; /* “ „ ” */
		return 3;
	}
	return 0;
}

static int quote_state(int quoted, int opens)
{
	return opens < 0 ? !quoted : opens;
}

/* Whether a word of text is one of first_person (read only for a block
 * that holds a newsletter's words: few do). */
static int in_first_person(const char *text, size_t len)
{
	for (size_t i = 0, start; wn_next_word(text, len, &i, &start);) {
		/* English "I" is written in capitals; "i" is "and" in Polish,
		 * Czech and Swedish and "the" in Italian. */
		if (i - start > 5 || (i - start == 1 && text[start] == 'i'))
			continue;
		uint64_t key = wn_text_key(text + start, i - start) | 1;
		for (size_t k = 0; k < nfirst_person; k++)
			if (first_person_keys[k] == key)
				return 1;
	}
	return 0;
}

/* The most distinct stems of one kind a block is counted for. */
#define MOST_STEMS 16

enum wn_notice wn_notice_words(const char *text, size_t len, unsigned *distinct, unsigned *hits,
                               unsigned *words)
{
	pthread_once(&table_once, build_table);
	uint16_t seen[WN_NOTICE_KINDS][MOST_STEMS];
	unsigned nseen[WN_NOTICE_KINDS] = {0}, nhits[WN_NOTICE_KINDS] = {0}, n = 0;
	/* Words in quotation marks are quoted: an article that quotes a
	 * warning ("CFDs are complex instruments ...") is no warning. */
	int quoted = 0, opens;
	size_t prev = 0;
	for (size_t i = 0, start; wn_next_word(text, len, &i, &start); prev = i) {
		for (size_t k = prev; k < start; k++)
			if (text[k] == '"')
				quoted = !quoted;
		size_t q;
		while (start < i && (q = quote_mark(text, start, i, &opens)) > 0) {
			quoted = quote_state(quoted, opens);
			start += q;
		}
		int after = quoted; /* the state a closing mark at the end leaves */
		/* (Every closing mark ends in one of these bytes: most words
		 * end in a letter.) */
		unsigned char last = (unsigned char)text[i - 1];
		int may_close = last == 0xAB || last == 0xBB || last == 0x9C || last == 0x9D ||
		                last == 0x9E;
		for (size_t end = i; may_close && end > start;) {
			size_t k = end > start + 3 ? end - 3 : start, found = 0;
			for (; k < end && !found; k++)
				if ((q = quote_mark(text, k, end, &opens)) > 0 && k + q == end)
					found = q;
			if (!found)
				break;
			after = quote_state(after, opens);
			end -= found;
		}
		if (start == i) {
			quoted = after;
			continue;
		}
		n++;
		int skip = quoted;
		quoted = after;
		unsigned pair = i - start >= 2 ? pair_of(text + start) : 0;
		if (skip || !(starts[pair >> 3] & (1u << (pair & 7))))
			continue;
		/* The word's prefixes, longest first: "newsletters" is counted
		 * for "newsletter", not for a shorter stem of another kind. */
		uint64_t keys[LONGEST_STEM + 1];
		size_t most = i - start < LONGEST_STEM ? i - start : LONGEST_STEM;
		uint64_t h = WN_TEXT_KEY_SEED;
		size_t k = 0;
		for (; k < most && k < PREFIX_BYTES; k++) {
			h = wn_text_key_step(h, (unsigned char)text[start + k]);
			keys[k + 1] = h | 1;
		}
		/* (A stem shorter than PREFIX_BYTES is a whole word.) */
		if (most >= PREFIX_BYTES) {
			unsigned f = filter_bit(keys[PREFIX_BYTES]);
			if (!(prefix_filter[f >> 3] & (1u << (f & 7))))
				continue;
		}
		for (; k < most; k++) {
			h = wn_text_key_step(h, (unsigned char)text[start + k]);
			keys[k + 1] = h | 1;
		}
		for (size_t k = most; k >= 3; k--) {
			const struct slot *sl = find(keys[k]);
			if (sl == NULL || (sl->whole && k != i - start))
				continue;
			unsigned kind = sl->kind;
			nhits[kind]++;
			unsigned j = 0;
			while (j < nseen[kind] && seen[kind][j] != sl->stem)
				j++;
			if (j == nseen[kind] && nseen[kind] < MOST_STEMS)
				seen[kind][nseen[kind]++] = sl->stem;
			break;
		}
	}
	enum wn_notice best = WN_NOTICE_NONE;
	for (unsigned k = 1; k < WN_NOTICE_KINDS; k++)
		if (nseen[k] > nseen[best] || (nseen[k] == nseen[best] && nhits[k] > nhits[best]))
			best = (enum wn_notice)k;
	if (best == WN_NOTICE_NEWSLETTER && in_first_person(text, len))
		best = WN_NOTICE_NONE; /* the author of the page, not the site */
	*distinct = nseen[best];
	*hits = nhits[best];
	*words = n;
	return best;
}

const char *wn_notice_name(enum wn_notice kind)
{
	switch (kind) {
	case WN_NOTICE_NEWSLETTER:
		return "a newsletter pitch's words";
	case WN_NOTICE_COOKIE:
		return "a cookie dialog's words";
	case WN_NOTICE_RISK:
		return "a risk warning's words";
	case WN_NOTICE_COMMENT:
		return "a comment form's words";
	default:
		return NULL;
	}
}

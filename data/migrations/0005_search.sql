-- Fast case lists: newest-first paging and a full-text index. Chinese has no spaces, so the
-- program indexes every character and every pair of neighbouring characters of the Han text,
-- and whole words of Latin letters and digits (case numbers, credit codes, pinyin initials).

CREATE INDEX case_file_created ON case_file(created_at);

CREATE VIRTUAL TABLE case_search USING fts5(
    tokens,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);

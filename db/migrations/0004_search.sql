-- Full-text search over the listings on sale (issue 7; see src/models/listing/search.ts).
--
-- listing_search is a regular FTS5 table, not an external-content one: a listing's document is put
-- together from four tables (the listing, its category path, its store, its packages and
-- variants), and an external-content table can only forget a row when it is told the old text
-- exactly, which a store rename or a category move does not have at hand. Keeping its own copy
-- costs a few MB for a town and lets every trigger below say "forget listing N, index it again".
--
-- Only published listings are in it; the triggers keep it in the same transaction as every write
-- that changes what it holds, whoever makes the write (the app, the demo town, the sqlite3 shell).
--
-- Arabic vowel marks (tashkeel) and the tatweel are removed before indexing: unicode61 treats
-- combining marks as separators, which would cut "مُعَلِّم" into letters, and people mostly type
-- Arabic without them. The search model removes the same marks from what is typed
-- (ARABIC_MARKS in src/models/listing/search-text.ts).
CREATE VIEW listing_search_documents AS
SELECT
  l.id AS id,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(l.title, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS title,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce(parent.name || ' ', '') || category.name, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS category,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(s.name || ' ' || s.area, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS store,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(l.tags, ',', ' '), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS tags,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(coalesce((SELECT group_concat(name, ' ') FROM listing_packages WHERE listing_id = l.id), '')
    || ' ' || coalesce((SELECT group_concat(name, ' ') FROM listing_variants WHERE listing_id = l.id), ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS options,
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(l.description, char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS description
FROM listings l
JOIN stores s ON s.id = l.store_id
JOIN categories category ON category.id = l.category_id
LEFT JOIN categories parent ON parent.id = category.parent_id
WHERE l.status = 'published';
--> statement-breakpoint
CREATE VIRTUAL TABLE listing_search USING fts5(
  title, category, store, tags, options, description,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
--> statement-breakpoint
-- The words in the index and how many listings use each: "did you mean" reads it.
CREATE VIRTUAL TABLE listing_search_words USING fts5vocab(listing_search, 'row');
--> statement-breakpoint
INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
  SELECT * FROM listing_search_documents;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_listing_insert AFTER INSERT ON listings BEGIN
  DELETE FROM listing_search WHERE rowid = NEW.id;
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_listing_update
AFTER UPDATE OF title, description, category_id, tags, status, store_id ON listings BEGIN
  DELETE FROM listing_search WHERE rowid = OLD.id;
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_listing_delete AFTER DELETE ON listings BEGIN
  DELETE FROM listing_search WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_store_update AFTER UPDATE OF name, area ON stores BEGIN
  DELETE FROM listing_search WHERE rowid IN (SELECT id FROM listings WHERE store_id = NEW.id AND status = 'published');
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id IN (SELECT id FROM listings WHERE store_id = NEW.id AND status = 'published');
END;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_category_update AFTER UPDATE OF name, parent_id ON categories BEGIN
  DELETE FROM listing_search WHERE rowid IN (SELECT id FROM listings WHERE status = 'published' AND category_id IN (SELECT id FROM categories WHERE id = NEW.id OR parent_id = NEW.id));
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id IN (SELECT id FROM listings WHERE status = 'published' AND category_id IN (SELECT id FROM categories WHERE id = NEW.id OR parent_id = NEW.id));
END;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_package_insert AFTER INSERT ON listing_packages BEGIN
  DELETE FROM listing_search WHERE rowid = NEW.listing_id;
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id = NEW.listing_id;
END;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_package_delete AFTER DELETE ON listing_packages BEGIN
  DELETE FROM listing_search WHERE rowid = OLD.listing_id;
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id = OLD.listing_id;
END;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_package_update AFTER UPDATE OF name ON listing_packages BEGIN
  DELETE FROM listing_search WHERE rowid = NEW.listing_id;
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id = NEW.listing_id;
END;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_variant_insert AFTER INSERT ON listing_variants BEGIN
  DELETE FROM listing_search WHERE rowid = NEW.listing_id;
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id = NEW.listing_id;
END;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_variant_delete AFTER DELETE ON listing_variants BEGIN
  DELETE FROM listing_search WHERE rowid = OLD.listing_id;
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id = OLD.listing_id;
END;
--> statement-breakpoint
CREATE TRIGGER listing_search_after_variant_update AFTER UPDATE OF name ON listing_variants BEGIN
  DELETE FROM listing_search WHERE rowid = NEW.listing_id;
  INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
    SELECT * FROM listing_search_documents WHERE id = NEW.listing_id;
END;

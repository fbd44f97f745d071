"""Commands ``reviewers …`` and ``contributions …`` of ``python -m lianes_dash``.

The database is the app's (``LIANES_DATABASE_URL`` or ``LIANES_STATE_DIR``): the same commands
serve a laptop's SQLite file and the network's PostgreSQL.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from lianes_dash.text.i18n import t

EXIT_BAD_INPUT = 2


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register ``reviewers`` and ``contributions`` on the main parser's subparsers."""
    r = subparsers.add_parser("reviewers", help="comptes des relecteurs des contributions")
    rs = r.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = rs.add_parser("add", help="créer un compte (ou changer son mot de passe)")
    add.add_argument("login")
    add.add_argument("--password-stdin", action="store_true", help="lire le mot de passe sur l'entrée standard")
    add.set_defaults(run=run_reviewers_add)
    rs.add_parser("list", help="lister les comptes").set_defaults(run=run_reviewers_list)
    rm = rs.add_parser("remove", help="supprimer un compte")
    rm.add_argument("login")
    rm.set_defaults(run=run_reviewers_remove)

    c = subparsers.add_parser("contributions", help="sauvegarde et partage des contributions")
    cs = c.add_subparsers(dest="action", metavar="ACTION", required=True)
    ex = cs.add_parser("export", help="tout exporter en JSON lines (sans les adresses électroniques)")
    ex.add_argument("file", type=Path)
    ex.add_argument("--with-personal-data", action="store_true", help="inclure adresses électroniques et fonctions")
    ex.set_defaults(run=run_export)
    im = cs.add_parser("import", help="restaurer une sauvegarde dans une base vide")
    im.add_argument("file", type=Path)
    im.set_defaults(run=run_import)
    fo = cs.add_parser("forget", help="effacer une adresse électronique")
    fo.add_argument("email")
    fo.set_defaults(run=run_forget)
    qs = cs.add_parser("quickstatements", help="jumelages acceptés pour Wikidata (QuickStatements)")
    qs.add_argument("out", type=Path)
    qs.add_argument(
        "--fr-qids", type=Path, help="CSV « code,qid » : identifiants Wikidata des collectivités françaises"
    )
    qs.set_defaults(run=run_quickstatements)
    cv = cs.add_parser("csv", help="déclarations acceptées au format d'import")
    cv.add_argument("out", type=Path)
    cv.set_defaults(run=run_csv)


def _store():
    from lianes_dash.contributions.store import open_store

    return open_store()


def _fail(exc: Exception) -> int:
    print(t("erreur : {message}", message=exc), file=sys.stderr)
    return EXIT_BAD_INPUT


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("Mot de passe : "))
    if getpass.getpass(t("Mot de passe (encore) : ")) != first:
        raise ValueError(t("les deux mots de passe diffèrent"))
    return first


def run_reviewers_add(args: argparse.Namespace) -> int:
    try:
        login = _store().add_reviewer(args.login, _password(args))
    except ValueError as exc:
        return _fail(exc)
    print(t("Relecteur « {login} » enregistré.", login=login))
    return 0


def run_reviewers_list(args: argparse.Namespace) -> int:
    for login in _store().reviewer_logins():
        print(login)
    return 0


def run_reviewers_remove(args: argparse.Namespace) -> int:
    if not _store().remove_reviewer(args.login):
        return _fail(ValueError(t("aucun relecteur « {login} »", login=args.login)))
    print(t("Relecteur « {login} » supprimé.", login=args.login))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from lianes_dash.contributions.commons import export_jsonl

    n = export_jsonl(_store(), args.file, personal_data=args.with_personal_data)
    print(t("{n} lignes écrites dans {file}.", n=n, file=args.file))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from lianes_dash.contributions.commons import import_jsonl

    try:
        counts = import_jsonl(_store(), args.file)
    except ValueError as exc:
        return _fail(exc)
    print(
        t(
            "{items} éléments, {events} événements et {contacts} contacts importés.",
            items=counts["item"],
            events=counts["event"],
            contacts=counts["contact"],
        )
    )
    return 0


def run_forget(args: argparse.Namespace) -> int:
    n = _store().forget_email(args.email)
    print(t("{n} contact(s) effacé(s).", n=n))
    return 0


def run_quickstatements(args: argparse.Namespace) -> int:
    from lianes_dash.contributions.commons import quickstatements, read_qids

    try:
        qids = read_qids(args.fr_qids) if args.fr_qids else None
    except ValueError as exc:
        return _fail(exc)
    args.out.write_text(quickstatements(_store().accepted(), fr_qids=qids), encoding="utf-8")
    print(t("QuickStatements écrits dans {file}.", file=args.out))
    return 0


def run_csv(args: argparse.Namespace) -> int:
    from lianes_dash.contributions.commons import import_csv

    args.out.write_text(import_csv(_store().accepted()), encoding="utf-8-sig")
    print(t("CSV écrit dans {file}.", file=args.out))
    return 0

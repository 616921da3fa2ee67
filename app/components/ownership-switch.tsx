// "Mine | Everyone" above a table: two links, the active one marked for assistive tech and by more than colour.
import { Link } from "@remix-run/react";
import type { OwnershipLinks } from "~/models/tables/ownership";

export function OwnershipSwitch({ links, mineLabel, label }: { links: OwnershipLinks; mineLabel: string; label: string }) {
  const item = (key: "mine" | "all", href: string, text: string) => (
    <li>
      <Link to={href} aria-current={links.current === key ? "page" : undefined} className={links.current === key ? "active" : undefined}>
        {text}
      </Link>
    </li>
  );
  return (
    <nav aria-label={label} className="ownership-switch">
      <ul>
        {item("mine", links.mineHref, mineLabel)}
        {item("all", links.everyoneHref, "Everyone")}
      </ul>
    </nav>
  );
}

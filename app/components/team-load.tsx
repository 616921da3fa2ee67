// The manager's view of the team: each recruiter's load, every number a link into that recruiter's filtered list.
import { Link } from "@remix-run/react";
import { TableScroll } from "./table-scroll";

type Row = { recruiter: { id: string; name: string; role: string }; openRecoveries: number; callsDue: number; overdueSteps: number };

export function TeamLoad({ rows }: { rows: Row[] }) {
  if (!rows.length) return <p className="empty-state">No active recruiters yet. Add one under Settings → Users.</p>;
  return (
    <TableScroll label="Team load, scrollable">
      <table className="compact-table">
        <caption className="visually-hidden">Each recruiter's open recoveries, calls due and overdue steps, busiest first</caption>
        <thead>
          <tr>
            <th scope="col">Recruiter</th>
            <th scope="col" className="numeric">Open recoveries</th>
            <th scope="col" className="numeric">Calls due</th>
            <th scope="col" className="numeric">Overdue steps</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ recruiter, openRecoveries, callsDue, overdueSteps }) => {
            const who = encodeURIComponent(recruiter.id);
            return (
              <tr key={recruiter.id}>
                <th scope="row">
                  <Link to={`/?recruiter=${who}`}>
                    {recruiter.name}
                    <span className="visually-hidden">'s dashboard</span>
                  </Link>
                </th>
                <td className="numeric">
                  <Link to={`/interviews?owner=${who}&recovery=in_progress`} aria-label={`${openRecoveries} open recoveries of ${recruiter.name}`}>
                    {openRecoveries}
                  </Link>
                </td>
                <td className="numeric">
                  <Link to={`/inbox/calls?recruiter=${who}`} aria-label={`${callsDue} calls due for ${recruiter.name}`}>
                    {callsDue}
                  </Link>
                </td>
                <td className="numeric">
                  <Link to={`/inbox/overdue-steps?recruiter=${who}`} aria-label={`${overdueSteps} overdue steps of ${recruiter.name}`}>
                    {overdueSteps}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

import { isRouteErrorResponse, useRouteError } from "react-router";
import { FullPageError } from "./full-page-states";

/** Last-resort boundary: a render error shows a readable message instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  const shown = isRouteErrorResponse(error)
    ? new Error(`${error.status} ${error.statusText}`)
    : error;
  return <FullPageError error={shown} onRetry={() => window.location.reload()} />;
}

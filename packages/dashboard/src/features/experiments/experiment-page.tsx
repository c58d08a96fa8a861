import { useParams } from "react-router";
import { isApiError } from "../../api/api-error";
import { useExperiment } from "../../api/use-experiments";
import { NotFoundPage } from "../../app/not-found-page";
import { PageLoader } from "../../app/page-loader";
import { useSession } from "../../app/session-context";
import { QueryError } from "../../ui/query-error";
import { ExperimentView } from "./experiment-view";

/** `/experiments/:id`: loads the experiment; the view keeps the version its edits are based on. */
export function ExperimentPage() {
  const { id = "" } = useParams();
  const { product } = useSession();
  const query = useExperiment(product.id, id);
  if (query.isPending) return <PageLoader />;
  if (isApiError(query.error, 404)) return <NotFoundPage />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return <ExperimentView key={`${product.id}:${id}`} experiment={query.data} />;
}

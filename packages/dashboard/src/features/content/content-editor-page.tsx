import { useParams } from "react-router";
import { isApiError } from "../../api/api-error";
import { useMessage } from "../../api/use-messages";
import { NotFoundPage } from "../../app/not-found-page";
import { PageLoader } from "../../app/page-loader";
import { useSession } from "../../app/session-context";
import { QueryError } from "../../ui/query-error";
import { ContentEditor } from "./content-editor";

/** `/messages/:id/steps/:step/content`: a step's rich content in the visual editor. */
export function ContentEditorPage() {
  const { id = "", step = "" } = useParams();
  const { product } = useSession();
  const query = useMessage(product.id, id);
  const index = Number(step) - 1;
  if (query.isPending) return <PageLoader />;
  if (isApiError(query.error, 404)) return <NotFoundPage />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  if (!Number.isInteger(index) || !query.data.steps[index]) return <NotFoundPage />;
  return <ContentEditor key={`${product.id}:${id}:${index}`} message={query.data} index={index} />;
}

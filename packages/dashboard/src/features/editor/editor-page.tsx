import { useParams } from "react-router";
import { isApiError } from "../../api/api-error";
import { useMessage } from "../../api/use-messages";
import { NotFoundPage } from "../../app/not-found-page";
import { PageLoader } from "../../app/page-loader";
import { useSession } from "../../app/session-context";
import { QueryError } from "../../ui/query-error";
import { MessageEditor } from "./message-editor";

/** `/messages/:id`: loads the message once; the editor owns the working copy from then on. */
export function EditorPage() {
  const { id = "" } = useParams();
  const { product } = useSession();
  const query = useMessage(product.id, id);
  if (query.isPending) return <PageLoader />;
  if (isApiError(query.error, 404)) return <NotFoundPage />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return <MessageEditor key={`${product.id}:${id}`} message={query.data} />;
}

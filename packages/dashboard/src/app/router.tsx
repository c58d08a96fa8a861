import { lazy, Suspense } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { MessagesPage } from "../features/messages/messages-page";
import { WelcomePage } from "../features/setup/welcome-page";
import { AppLayout } from "./app-layout";
import { FullPageLoader } from "./full-page-states";
import { NotFoundPage } from "./not-found-page";
import { RequireSession } from "./require-session";
import { RouteError } from "./route-error";

// Heavier pages (charts, drag and drop, the SDK) load on first visit.
const EditorPage = lazy(() =>
  import("../features/editor/editor-page").then((m) => ({ default: m.EditorPage })),
);
const PreviewPage = lazy(() =>
  import("../features/preview/preview-page").then((m) => ({ default: m.PreviewPage })),
);
const PreviewFramePage = lazy(() =>
  import("../features/preview/preview-frame-page").then((m) => ({ default: m.PreviewFramePage })),
);
// Puck and the content renderer load only when someone opens a step's rich content.
const ContentEditorPage = lazy(() =>
  import("../features/content/content-editor-page").then((m) => ({
    default: m.ContentEditorPage,
  })),
);
const StatsPage = lazy(() =>
  import("../features/stats/stats-page").then((m) => ({ default: m.StatsPage })),
);
const DiagnosePage = lazy(() =>
  import("../features/diagnose/diagnose-page").then((m) => ({ default: m.DiagnosePage })),
);
const ExperimentPage = lazy(() =>
  import("../features/experiments/experiment-page").then((m) => ({ default: m.ExperimentPage })),
);
const SegmentsPage = lazy(() =>
  import("../features/segments/segments-page").then((m) => ({ default: m.SegmentsPage })),
);
const SettingsPage = lazy(() =>
  import("../features/settings/settings-page").then((m) => ({ default: m.SettingsPage })),
);
const TeamPage = lazy(() =>
  import("../features/team/team-page").then((m) => ({ default: m.TeamPage })),
);

export const router = createBrowserRouter([
  { path: "/welcome", element: <WelcomePage />, errorElement: <RouteError /> },
  {
    path: "/preview-frame",
    element: (
      <Suspense fallback={null}>
        <PreviewFramePage />
      </Suspense>
    ),
  },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        path: "/messages/:id/preview",
        element: (
          <Suspense fallback={<FullPageLoader />}>
            <PreviewPage />
          </Suspense>
        ),
      },
      {
        path: "/messages/:id/steps/:step/content",
        element: (
          <Suspense fallback={<FullPageLoader />}>
            <ContentEditorPage />
          </Suspense>
        ),
      },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <Navigate to="/messages" replace /> },
          { path: "/messages", element: <MessagesPage /> },
          { path: "/messages/:id", element: <EditorPage /> },
          { path: "/messages/:id/stats", element: <StatsPage /> },
          { path: "/messages/:id/diagnose", element: <DiagnosePage /> },
          { path: "/experiments/:id", element: <ExperimentPage /> },
          { path: "/segments", element: <SegmentsPage /> },
          { path: "/settings", element: <SettingsPage /> },
          { path: "/team", element: <TeamPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

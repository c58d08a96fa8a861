import { localStorageColorSchemeManager, MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { isApiError } from "../api/api-error";
import { queryKeys } from "../api/query-keys";
import { router } from "./router";
import { cssVariablesResolver, theme } from "./theme";

// A 401 anywhere means the session ended: re-ask /me so the guard sends the user to sign in.
const onAuthLost = (error: unknown) => {
  if (isApiError(error, 401)) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
};

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onAuthLost }),
  mutationCache: new MutationCache({ onError: onAuthLost }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (count, error) => !isApiError(error) || (error.status >= 500 && count < 2),
      refetchOnWindowFocus: false,
    },
  },
});

const colorSchemeManager = localStorageColorSchemeManager({ key: "nudge.color-scheme" });

export function App() {
  return (
    <MantineProvider
      theme={theme}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
      cssVariablesResolver={cssVariablesResolver}
    >
      <Notifications position="bottom-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}

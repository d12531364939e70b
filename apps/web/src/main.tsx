import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { BrowserRouter } from 'react-router';
import { preloadPlotly } from '@streamscope/charts';
import { App } from './app';
import { createApolloClient } from './apollo-client';
import { prefetchLandingQueries } from './features/overview/overview.prefetch';
import { applyTheme, storedTheme } from './hooks/use-theme';
import './styles.css';

// Apply a remembered theme before the first paint; without one, CSS follows the OS.
const remembered = storedTheme();
if (remembered) applyTheme(remembered);

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');

const client = createApolloClient();
// The first chart's data is the slowest thing the landing page waits for: ask before rendering.
prefetchLandingQueries(client, window.location);

createRoot(container).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </ApolloProvider>
  </StrictMode>,
);

// Every page draws charts: fetch Plotly alongside the first queries rather than after them.
preloadPlotly();

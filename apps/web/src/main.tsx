import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { BrowserRouter } from 'react-router';
import { preloadPlotly } from '@streamscope/charts';
import { App } from './app';
import { createApolloClient } from './apollo-client';
import { applyTheme, storedTheme } from './hooks/use-theme';
import './styles.css';

// Apply a remembered theme before the first paint; without one, CSS follows the OS.
const remembered = storedTheme();
if (remembered) applyTheme(remembered);

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');

createRoot(container).render(
  <StrictMode>
    <ApolloProvider client={createApolloClient()}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </ApolloProvider>
  </StrictMode>,
);

// Every page draws charts: fetch Plotly alongside the first queries rather than after them.
preloadPlotly();

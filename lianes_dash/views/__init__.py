"""What a person sees or downloads, built from analysis results: figures and their captions,
embeddable charts, slides and the offline deck, CSV/XLSX exports. No Streamlit."""
